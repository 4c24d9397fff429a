//! Preferences in local storage (the CRM column mapping and sales-sourced channels) under
//! the library's keep-aside rule: text this version cannot read is copied aside, exactly,
//! before anything is written over it, and the user is told.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::model::persist::storage::StorageWriteError;
use crate::ui::browser;
use crate::ui::state::{Action, Localized, Notice};
use crate::ui::Dispatch;

crate::texts! {
    /// Messages about remembered preferences.
    enum PrefsText {
        KeptAside => "Earlier preferences stored under “{key}” could not be read by this version; they were kept aside under “{aside}” before your new choice was remembered.",
            "Des préférences enregistrées sous « {key} » ne pouvaient pas être lues par cette version ; elles ont été mises de côté sous « {aside} » avant que votre nouveau choix soit retenu.";
        NotRemembered => "Your choice applies now but could not be remembered for next time: {error}",
            "Votre choix s'applique maintenant mais n'a pas pu être retenu pour la prochaine fois : {error}";
    }
}

/// The value stored under `key`, when there is one this version can read.
pub fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = browser::storage_get(key).ok()??;
    serde_json::from_str(&raw).ok()
}

/// Where unreadable text of `key` is kept aside: `<key>.unreadable.<ms>`.
fn aside_prefix(key: &str) -> String {
    format!("{key}.unreadable.")
}

/// Remembers `value` under `key`. Stored text that does not read as a `T` is first copied
/// aside (once: a copy already kept is reused); if that copy fails nothing is written.
/// Returns the key of a copy made now or found, if the stored text needed one.
fn write<T: Serialize + DeserializeOwned>(
    key: &str,
    value: &T,
) -> Result<Option<String>, StorageWriteError> {
    let json = serde_json::to_string(value).map_err(|e| {
        StorageWriteError::NotSerialised(crate::model::persist::storage::SerializeError(
            e.to_string(),
        ))
    })?;
    let stored = browser::storage_get(key)?;
    let unreadable = stored
        .as_deref()
        .is_some_and(|raw| serde_json::from_str::<T>(raw).is_err());
    let aside = if unreadable {
        let prefix = aside_prefix(key);
        let new_key = format!("{prefix}{}", browser::now_ms().max(0.0).floor() as u64);
        Some(browser::keep_aside(key, &prefix, new_key)?)
    } else {
        None
    };
    browser::storage_set(key, &json)?;
    Ok(aside)
}

/// Remembers `value` under `key`, telling the user through the notice bar when earlier
/// text was kept aside or when nothing could be remembered.
pub fn remember<T: Serialize + DeserializeOwned>(dispatch: &Dispatch, key: &str, value: &T) {
    let notice = match write(key, value) {
        Ok(None) => return,
        Ok(Some(aside)) => {
            let key = key.to_owned();
            Notice::info(move || PrefsText::KeptAside.fill(&[("key", &key), ("aside", &aside)]))
        }
        Err(error) => Notice::error_in(Localized::new(|| {
            PrefsText::NotRemembered.fill(&[("error", &error.to_string())])
        })),
    };
    dispatch.emit(Action::Notice(Some(notice)));
}
