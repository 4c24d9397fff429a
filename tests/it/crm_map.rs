//! CRM column mapping: HubSpot, Salesforce, Pipedrive and French exports are recognised;
//! corrections keep one field per column; the mapping serialises to be remembered.
use funnelsim::model::crm::map::{normalise, ColumnMapping, CrmField};

fn headers(line: &str, separator: char) -> Vec<String> {
    line.split(separator).map(str::to_owned).collect()
}

#[test]
fn headers_are_compared_without_case_accents_or_punctuation() {
    assert_eq!(normalise("\u{feff}Date de création"), "date de creation");
    assert_eq!(normalise("Lead_Source"), "lead source");
    assert_eq!(
        normalise("  Étape du cycle de vie (contact) "),
        "etape du cycle de vie contact"
    );
}

#[test]
fn hubspot_salesforce_pipedrive_and_french_exports_are_recognised() {
    use CrmField::*;
    let cases = [
        (
            "Record ID,First Name,Create Date,Lifecycle Stage,Lead Status,Original Source,Contact owner,First Contact Date,Amount,Deal Stage",
            ',',
            vec![(Created, 2), (Stage, 3), (Status, 4), (Source, 5), (Owner, 6), (FirstContact, 7), (Amount, 8), (DealStage, 9)],
        ),
        (
            "Lead ID;Created Date;Lead Source;Lead Owner;Status;Opportunity Amount;Opportunity Stage",
            ';',
            vec![(Created, 1), (Source, 2), (Owner, 3), (Status, 4), (Amount, 5), (DealStage, 6)],
        ),
        (
            "ID\tDate de création\tÉtape du cycle de vie\tStatut du lead\tSource d'origine\tPropriétaire du contact\tDate du premier contact\tMontant\tÉtape de la transaction",
            '\t',
            vec![(Created, 1), (Stage, 2), (Status, 3), (Source, 4), (Owner, 5), (FirstContact, 6), (Amount, 7), (DealStage, 8)],
        ),
    ];
    for (line, separator, expected) in cases {
        let mapping = ColumnMapping::detect(&headers(line, separator));
        for (field, column) in expected {
            assert_eq!(mapping.column(field), Some(column), "{field:?} in {line}");
        }
    }
}

#[test]
fn corrections_keep_one_field_per_column_and_are_remembered() {
    let mut mapping = ColumnMapping::detect(&headers("Created,Stage,Channel,Owner", ','));
    assert_eq!(mapping.column(CrmField::Source), Some(2));
    assert!(mapping.missing().is_empty());
    mapping.set(CrmField::Owner, Some(2));
    assert_eq!(mapping.column(CrmField::Owner), Some(2));
    assert_eq!(
        mapping.column(CrmField::Source),
        None,
        "column 2 now holds the owner"
    );
    mapping.set(CrmField::Stage, None);
    assert_eq!(mapping.missing(), [CrmField::Stage]);
    let saved = serde_json::to_string(&mapping).unwrap();
    assert_eq!(
        serde_json::from_str::<ColumnMapping>(&saved).unwrap(),
        mapping
    );
    // A header merely containing a synonym counts when nothing matches exactly.
    let loose = ColumnMapping::detect(&headers(
        "Contact create date (UTC),Current lifecycle stage",
        ',',
    ));
    assert_eq!(loose.column(CrmField::Created), Some(0));
    assert_eq!(loose.column(CrmField::Stage), Some(1));
}
