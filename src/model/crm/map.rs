//! CRM exports: which column holds what. Header names from HubSpot, Salesforce, Pipedrive
//! and spreadsheets, in English and French, are recognised; the user can correct the
//! mapping, which is then remembered (it serialises).

use serde::{Deserialize, Serialize};

crate::texts! {
    /// The fields of a CRM export, as the mapping and messages name them.
    enum CrmFieldText {
        Created => "Created date", "Date de création";
        Stage => "Lifecycle stage", "Étape du cycle de vie";
        Status => "Lead status", "Statut du lead";
        Source => "Source (channel)", "Source (canal)";
        Owner => "Owner", "Propriétaire";
        FirstContact => "First contact date", "Date du premier contact";
        Amount => "Amount", "Montant";
        DealStage => "Deal stage", "Étape de la transaction";
        MqlDate => "Became MQL date", "Date de passage en MQL";
        SqlDate => "Became SQL date", "Date de passage en SQL";
        OpportunityDate => "Became opportunity date", "Date de passage en opportunité";
        WonDate => "Won date", "Date de gain";
    }
}

/// What a column of a CRM export can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrmField {
    /// When the lead (or deal) was created.
    Created,
    /// Lifecycle stage: subscriber, lead, MQL, SQL, opportunity, customer.
    Stage,
    /// Lead status: new, accepted, rejected, in progress, …
    Status,
    /// The channel the lead came from.
    Source,
    /// The salesperson who owns it.
    Owner,
    /// When sales first contacted it.
    FirstContact,
    /// Deal amount.
    Amount,
    /// Deal stage: won, lost, proposal, …
    DealStage,
    /// When it became a marketing-qualified lead.
    MqlDate,
    /// When it became a sales-qualified lead.
    SqlDate,
    /// When it became an opportunity.
    OpportunityDate,
    /// When the deal was won (a close date counts only for won rows).
    WonDate,
}

impl CrmField {
    pub const ALL: [CrmField; 12] = [
        CrmField::Created,
        CrmField::Stage,
        CrmField::Status,
        CrmField::Source,
        CrmField::Owner,
        CrmField::FirstContact,
        CrmField::Amount,
        CrmField::DealStage,
        CrmField::MqlDate,
        CrmField::SqlDate,
        CrmField::OpportunityDate,
        CrmField::WonDate,
    ];

    /// The dates a row reaches each later stage on, in funnel order (MQL, SQL, opportunity,
    /// won): the stage times of [`crate::model::crm::timing`].
    pub const STAGE_DATES: [CrmField; 4] = [
        CrmField::MqlDate,
        CrmField::SqlDate,
        CrmField::OpportunityDate,
        CrmField::WonDate,
    ];

    /// Label for people, in the language in use.
    pub fn label(self) -> &'static str {
        match self {
            CrmField::Created => CrmFieldText::Created,
            CrmField::Stage => CrmFieldText::Stage,
            CrmField::Status => CrmFieldText::Status,
            CrmField::Source => CrmFieldText::Source,
            CrmField::Owner => CrmFieldText::Owner,
            CrmField::FirstContact => CrmFieldText::FirstContact,
            CrmField::Amount => CrmFieldText::Amount,
            CrmField::DealStage => CrmFieldText::DealStage,
            CrmField::MqlDate => CrmFieldText::MqlDate,
            CrmField::SqlDate => CrmFieldText::SqlDate,
            CrmField::OpportunityDate => CrmFieldText::OpportunityDate,
            CrmField::WonDate => CrmFieldText::WonDate,
        }
        .text()
    }

    /// Header names that mean this field, normalised (see [`normalise`]), most specific first.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            CrmField::Created => &[
                "create date",
                "created date",
                "created",
                "creation date",
                "date created",
                "lead created date",
                "date de creation",
                "cree le",
                "date creation",
            ],
            CrmField::Stage => &[
                "lifecycle stage",
                "lead stage",
                "etape du cycle de vie",
                "cycle de vie",
                "phase du cycle de vie",
                "stage",
                "etape",
            ],
            CrmField::Status => &[
                "lead status",
                "statut du lead",
                "statut du prospect",
                "statut",
                "status",
            ],
            CrmField::Source => &[
                "original source",
                "lead source",
                "source d origine",
                "source du lead",
                "source",
                "channel",
                "canal",
                "origine",
            ],
            CrmField::Owner => &[
                "contact owner",
                "lead owner",
                "deal owner",
                "owner",
                "proprietaire du contact",
                "proprietaire",
                "commercial",
                "responsable",
            ],
            CrmField::FirstContact => &[
                "first contact date",
                "first contacted",
                "first activity date",
                "date du premier contact",
                "premier contact",
                "first contact",
            ],
            CrmField::Amount => &[
                "amount",
                "deal amount",
                "opportunity amount",
                "montant",
                "montant de la transaction",
                "montant de l affaire",
                "value",
                "valeur",
            ],
            CrmField::DealStage => &[
                "deal stage",
                "opportunity stage",
                "etape de la transaction",
                "etape de l affaire",
                "phase de la transaction",
                "etape",
            ],
            CrmField::MqlDate => &[
                "became a marketing qualified lead date",
                "became an mql date",
                "mql date",
                "date mql",
                "date de passage en mql",
                "devenu mql le",
                "date de passage en lead qualifie marketing",
            ],
            CrmField::SqlDate => &[
                "became a sales qualified lead date",
                "became an sql date",
                "sql date",
                "date sql",
                "date de passage en sql",
                "devenu sql le",
                "date de passage en lead qualifie ventes",
            ],
            CrmField::OpportunityDate => &[
                "became an opportunity date",
                "opportunity created date",
                "opportunity date",
                "date opportunite",
                "date de passage en opportunite",
                "date de creation de l opportunite",
            ],
            CrmField::WonDate => &[
                "became a customer date",
                "closed won date",
                "won date",
                "close date",
                "closed date",
                "date de gain",
                "date de passage en client",
                "date de signature",
                "date de cloture",
            ],
        }
    }
}

/// A header as compared: lower case, accents removed, anything but letters and digits a
/// single space ("Date de création" → "date de creation", "Lead_Source" → "lead source").
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut space = true;
    for c in header
        .trim_start_matches('\u{feff}')
        .chars()
        .flat_map(char::to_lowercase)
    {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            other => other,
        };
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_owned()
}

/// Which column (by index) holds each field; `None` when the export has none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub columns: std::collections::BTreeMap<CrmField, usize>,
}

impl ColumnMapping {
    /// Guesses the mapping from the header row: an exact synonym wins over a header that
    /// merely contains one; each column serves one field at most.
    pub fn detect(headers: &[String]) -> ColumnMapping {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut mapping = ColumnMapping::default();
        let mut taken = vec![false; headers.len()];
        // Exact matches first (for every field), then headers containing a synonym.
        for exact in [true, false] {
            for field in CrmField::ALL {
                if mapping.columns.contains_key(&field) {
                    continue;
                }
                let found = field.synonyms().iter().find_map(|synonym| {
                    normalised.iter().enumerate().position(|(i, header)| {
                        !taken[i]
                            && if exact {
                                header == synonym
                            } else {
                                synonym.len() > 4 && header.contains(synonym)
                            }
                    })
                });
                if let Some(column) = found {
                    taken[column] = true;
                    mapping.columns.insert(field, column);
                }
            }
        }
        mapping
    }

    /// The column of `field`, if mapped.
    pub fn column(&self, field: CrmField) -> Option<usize> {
        self.columns.get(&field).copied()
    }

    /// Maps `field` to `column` (or unmaps it with `None`); a column serves one field.
    pub fn set(&mut self, field: CrmField, column: Option<usize>) {
        if let Some(column) = column {
            self.columns.retain(|_, c| *c != column);
            self.columns.insert(field, column);
        } else {
            self.columns.remove(&field);
        }
    }

    /// Fields the KPIs need that no column provides.
    pub fn missing(&self) -> Vec<CrmField> {
        [CrmField::Created, CrmField::Stage]
            .into_iter()
            .filter(|f| !self.columns.contains_key(f))
            .collect()
    }
}
