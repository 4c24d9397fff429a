//! Keeps ARCHITECTURE.md true: the model knows nothing of the browser, and every source
//! file is named in the code map (and every file the map names exists).
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(ROOT)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn the_model_and_charts_know_nothing_of_the_browser() {
    let forbidden = [
        "yew",
        "web_sys",
        "gloo",
        "wasm_bindgen",
        "js_sys",
        "plotters_canvas",
    ];
    for dir in ["src/model", "src/app", "src/charts"] {
        for file in rust_files(&Path::new(ROOT).join(dir)) {
            let text = fs::read_to_string(&file).unwrap();
            for word in forbidden {
                let used = text.lines().any(|line| {
                    let code = line.split("//").next().unwrap_or("");
                    code.contains(&format!("{word}::")) || code.contains(&format!("use {word}"))
                });
                assert!(!used, "{} uses {word}", relative(&file));
            }
        }
    }
    if let Some(model_deps) = fs::read_to_string(Path::new(ROOT).join("Cargo.toml"))
        .unwrap()
        .split("[target.'cfg(target_arch = \"wasm32\")'.dependencies]")
        .next()
    {
        for word in ["yew", "web-sys", "gloo", "wasm-bindgen"] {
            assert!(
                !model_deps
                    .lines()
                    .any(|l| l.starts_with(&format!("{word} "))),
                "{word} must be a wasm32-only dependency"
            );
        }
    }
}

#[test]
fn every_module_says_what_it_does() {
    for file in rust_files(&Path::new(ROOT).join("src")) {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} lacks a //! line",
            relative(&file)
        );
    }
}

#[test]
fn the_code_map_names_every_source_file_and_only_existing_ones() {
    let doc = fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    for file in rust_files(&Path::new(ROOT).join("src")) {
        let name = relative(&file);
        assert!(
            doc.contains(&format!("`{name}`")),
            "ARCHITECTURE.md does not mention `{name}`"
        );
    }
    for word in doc.split('`') {
        if (word.starts_with("src/") || word.starts_with("tests/")) && word.ends_with(".rs") {
            assert!(
                Path::new(ROOT).join(word).exists(),
                "ARCHITECTURE.md names missing {word}"
            );
        }
    }
}

/// The Rust files below `dir`, each with its comments left out.
fn code_without_comments(dir: &str) -> Vec<(String, String)> {
    rust_files(&Path::new(ROOT).join(dir))
        .into_iter()
        .map(|file| {
            let text = fs::read_to_string(&file).unwrap();
            let code: Vec<&str> = text
                .lines()
                .map(|line| line.split("//").next().unwrap_or(""))
                .collect();
            (relative(&file), code.join("\n"))
        })
        .collect()
}

const FEATURES: [&str; 7] = [
    "funnel",
    "workbench",
    "forecast",
    "sla",
    "sales",
    "crm",
    "persist",
];

#[test]
fn imports_run_one_way_shared_then_features_then_persist() {
    for (file, code) in code_without_comments("src/model") {
        let inside = file.trim_start_matches("src/model/");
        let feature = inside.split_once('/').map(|(folder, _)| folder);
        let uses = |folder: &str| code.contains(&format!("crate::model::{folder}::"));
        match feature {
            // The shared helpers at the top use no feature (nor the model's root re-exports,
            // which are the funnel's).
            None if inside != "mod.rs" => {
                for folder in FEATURES {
                    assert!(!uses(folder), "{file} (a shared helper) uses {folder}");
                }
                assert!(
                    !code.contains("crate::model::{")
                        && !code.contains("use crate::model::Scenario"),
                    "{file} (a shared helper) uses the funnel through the model's root"
                );
            }
            Some(folder) if folder != "persist" => {
                assert!(!uses("persist"), "{file} (feature {folder}) uses persist");
            }
            _ => {}
        }
    }
}

#[test]
fn the_model_and_the_ui_have_the_same_feature_folders() {
    let folders = |dir: &str| -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(Path::new(ROOT).join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_dir())
            .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let mut features: Vec<String> = FEATURES.iter().map(|f| f.to_string()).collect();
    features.sort();
    assert_eq!(folders("src/model"), features);
    assert_eq!(folders("src/ui"), features);
}

#[test]
fn every_test_lives_in_the_test_binaries() {
    // The library and the binary are not built as test harnesses (`test = false` in
    // Cargo.toml): a test written in src/ would never run.
    for (file, code) in code_without_comments("src") {
        assert!(
            !code.contains("#[test]") && !code.contains("#[cfg(test)]"),
            "{file} holds a test: move it to tests/it (or tests/web)"
        );
    }
}
