//! The team's shared definitions: what counts as a lead, an MQL, an SQL, an accepted lead,
//! an opportunity (BANT) and a customer. Each has a default in both languages; what the
//! team writes is part of the scenario (its link and its file), so marketing and sales read
//! the same words.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest definition, in characters.
pub const MAX_DEFINITION_CHARS: usize = 600;

/// A term the teams must agree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    Lead,
    Mql,
    Sal,
    Sql,
    Opportunity,
    Customer,
}

crate::texts! {
    /// The terms' names.
    enum TermName {
        Lead => "Lead", "Lead";
        Mql => "Marketing qualified lead (MQL)", "Lead qualifié marketing (MQL)";
        Sal => "Sales accepted lead (SAL)", "Lead accepté par les ventes (SAL)";
        Sql => "Sales qualified lead (SQL)", "Lead qualifié ventes (SQL)";
        Opportunity => "Opportunity", "Opportunité";
        Customer => "Customer", "Client";
    }
}

crate::texts! {
    /// The definitions the articles give, before the team writes its own.
    enum DefaultDefinition {
        Lead => "A person who showed interest in our products or services by leaving at least an e-mail address (a form, a download, a webinar, a demo request).",
            "Une personne qui a manifesté son intérêt pour nos produits ou services en laissant au moins une adresse e-mail (formulaire, téléchargement, webinaire, demande de démo).";
        Mql => "A lead more likely than others to become a customer: it matches our ideal customer profile (sector, size, role) and has engaged enough (lead score of 60 or more).",
            "Un lead plus susceptible qu'un autre de devenir client : il correspond à notre cible idéale (secteur, taille, fonction) et s'est assez engagé (score de 60 ou plus).";
        Sal => "An MQL that sales has reviewed and agreed to work, within the follow-up time of the SLA.",
            "Un MQL que les ventes ont examiné et accepté de traiter, dans le délai de suivi prévu par le SLA.";
        Sql => "An MQL that sales has qualified after a first conversation: a real project, the right contact, worth a sales effort.",
            "Un MQL que les ventes ont qualifié après un premier échange : un vrai projet, le bon interlocuteur, qui mérite un effort commercial.";
        Opportunity => "An SQL for which the salesperson knows the BANT: an available Budget, access to the decision-maker (Authority), a Need that fits our offer, and a project Timeframe.",
            "Un SQL pour lequel le commercial dispose du BANT : une enveloppe disponible (Budget), l'accès aux décideurs (Authority), un besoin cohérent avec l'offre (Need) et un planning projet (Timeframe).";
        Customer => "An opportunity won: the contract is signed or the first order paid.",
            "Une opportunité gagnée : le contrat est signé ou la première commande payée.";
    }
}

crate::texts! {
    /// What can be wrong with a definition.
    enum GlossaryMessage {
        TooLong => "At most {max} characters (this one has {n}).", "{max} caractères au plus (celle-ci en a {n}).";
    }
}

impl Term {
    pub const ALL: [Term; 6] = [
        Term::Lead,
        Term::Mql,
        Term::Sal,
        Term::Sql,
        Term::Opportunity,
        Term::Customer,
    ];

    /// The key in links (`gl_mql=…`) and element ids.
    pub fn key(self) -> &'static str {
        match self {
            Term::Lead => "lead",
            Term::Mql => "mql",
            Term::Sal => "sal",
            Term::Sql => "sql",
            Term::Opportunity => "opportunity",
            Term::Customer => "customer",
        }
    }

    pub fn from_key(key: &str) -> Option<Term> {
        Term::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The term's name in the language in use.
    pub fn name(self) -> &'static str {
        self.texts().0.text()
    }

    /// The default definition in the language in use.
    pub fn default_definition(self) -> &'static str {
        self.texts().1.text()
    }

    fn texts(self) -> (TermName, DefaultDefinition) {
        match self {
            Term::Lead => (TermName::Lead, DefaultDefinition::Lead),
            Term::Mql => (TermName::Mql, DefaultDefinition::Mql),
            Term::Sal => (TermName::Sal, DefaultDefinition::Sal),
            Term::Sql => (TermName::Sql, DefaultDefinition::Sql),
            Term::Opportunity => (TermName::Opportunity, DefaultDefinition::Opportunity),
            Term::Customer => (TermName::Customer, DefaultDefinition::Customer),
        }
    }
}

/// Why a definition was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GlossaryError {
    /// Longer than [`MAX_DEFINITION_CHARS`] (its length).
    TooLong(usize),
}

impl fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GlossaryError::TooLong(n) => f.write_str(&GlossaryMessage::TooLong.fill(&[
                ("max", &MAX_DEFINITION_CHARS.to_string()),
                ("n", &n.to_string()),
            ])),
        }
    }
}

impl std::error::Error for GlossaryError {}

/// The definitions the team wrote (the others read the default in the reader's language).
/// A file whose definitions are too long does not read (`try_from`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BTreeMap<Term, String>", into = "BTreeMap<Term, String>")]
pub struct Glossary {
    written: BTreeMap<Term, String>,
}

impl TryFrom<BTreeMap<Term, String>> for Glossary {
    type Error = GlossaryError;

    fn try_from(written: BTreeMap<Term, String>) -> Result<Glossary, GlossaryError> {
        let mut glossary = Glossary::default();
        for (term, text) in &written {
            glossary.set(*term, text)?;
        }
        Ok(glossary)
    }
}

impl From<Glossary> for BTreeMap<Term, String> {
    fn from(glossary: Glossary) -> BTreeMap<Term, String> {
        glossary.written
    }
}

impl Glossary {
    /// The team's definition of `term`, or the default in the language in use.
    pub fn definition(&self, term: Term) -> &str {
        self.written
            .get(&term)
            .map_or_else(|| term.default_definition(), String::as_str)
    }

    /// The team's own definition, if it wrote one.
    pub fn written(&self, term: Term) -> Option<&str> {
        self.written.get(&term).map(String::as_str)
    }

    /// Sets the team's definition of `term`; blank text goes back to the default.
    pub fn set(&mut self, term: Term, text: &str) -> Result<(), GlossaryError> {
        let text = text.trim();
        let chars = text.chars().count();
        if chars > MAX_DEFINITION_CHARS {
            return Err(GlossaryError::TooLong(chars));
        }
        if text.is_empty() {
            self.written.remove(&term);
        } else {
            self.written.insert(term, text.to_owned());
        }
        Ok(())
    }

    /// No definition written: every term reads its default.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty()
    }

    /// The written definitions, in term order.
    pub fn entries(&self) -> impl Iterator<Item = (Term, &str)> {
        self.written.iter().map(|(t, d)| (*t, d.as_str()))
    }
}
