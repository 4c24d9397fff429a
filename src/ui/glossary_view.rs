//! The definitions tab: what the team calls a lead, an MQL, an accepted lead, an SQL, an
//! opportunity and a customer, each with the articles' default until the team writes its
//! own; written definitions travel with the scenario (its link and its file).

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::locale::use_locale;
use super::persist::library_view::ViewProps;
use super::state::Action;
use crate::model::glossary::{Term, MAX_DEFINITION_CHARS};
use crate::model::Edit;

crate::texts! {
    /// The definitions tab.
    enum GlossaryText {
        Heading => "Shared definitions", "Définitions partagées";
        Intro => "Marketing and sales only agree on numbers when they agree on words. Write down what your teams count as a lead, an MQL, an accepted lead, an SQL, an opportunity and a customer: the definitions travel with this scenario, in its link and its file.",
            "Marketing et ventes ne s'accordent sur les chiffres que s'ils s'accordent sur les mots. Écrivez ce que vos équipes comptent comme un lead, un MQL, un lead accepté, un SQL, une opportunité et un client : les définitions voyagent avec ce scénario, dans son lien et son fichier.";
        Default => "Default definition (from the articles): edit it to write your team's.",
            "Définition par défaut (celle des articles) : modifiez-la pour écrire celle de votre équipe.";
        Written => "Your team's definition.", "La définition de votre équipe.";
        Restore => "Back to the default", "Revenir à la définition par défaut";
        Limit => "Up to {max} characters.", "{max} caractères au plus.";
    }
}

/// The definitions tab.
#[component]
pub fn GlossaryView(props: &ViewProps) -> Html {
    let _locale = use_locale();
    let editor = &props.state.editor;
    let glossary = &editor.scenario().glossary;
    let rows = Term::ALL.iter().map(|&term| {
        let id = format!("glossary-{}", term.key());
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let refused = editor.glossary_error(term);
        let text = refused.map_or_else(|| glossary.definition(term).to_owned(), |(typed, _)| typed.to_owned());
        let written = glossary.written(term).is_some();
        let oninput = props.dispatch.reform(move |e: InputEvent| {
            Action::Edit(Edit::Glossary(term, e.target_unchecked_into::<HtmlTextAreaElement>().value()))
        });
        let restore = props
            .dispatch
            .reform(move |_| Action::Edit(Edit::Glossary(term, String::new())));
        let described = if refused.is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() };
        html! {
            <div class={classes!("field", "glossary-entry", refused.is_some().then_some("invalid"))} data-term={term.key()} data-written={written.then_some("true")}>
                <label for={id.clone()}>{ term.name() }</label>
                <textarea id={id.clone()} rows="3" maxlength={(MAX_DEFINITION_CHARS * 2).to_string()} value={text} {oninput}
                    aria-invalid={refused.is_some().then_some("true")} aria-describedby={described} />
                <p id={hint_id} class="hint">
                    { if written { GlossaryText::Written.text() } else { GlossaryText::Default.text() } }
                    { " " }
                    { GlossaryText::Limit.fill(&[("max", &MAX_DEFINITION_CHARS.to_string())]) }
                </p>
                if let Some((_, error)) = refused {
                    <p id={error_id} class="field-error" role="alert">{ error.to_string() }</p>
                }
                if written {
                    <button id={format!("{id}-restore")} type="button" class="link" onclick={restore}>{ GlossaryText::Restore.text() }</button>
                }
            </div>
        }
    });
    html! {
        <section class="panel" aria-labelledby="glossary-heading">
            <h2 id="glossary-heading">{ GlossaryText::Heading.text() }</h2>
            <p>{ GlossaryText::Intro.text() }</p>
            <div class="glossary">{ for rows }</div>
        </section>
    }
}
