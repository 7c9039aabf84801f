//! With the `i18n` feature: leptos_i18n's code generation from `locales/*.json` (the project's
//! catalogues, extracted by extract.py). With `dynamic` also, writes the per-locale JSON that
//! leptos_i18n would send to the browser to `$I18N_SIZE_JSON_DIR` (set by run.sh).

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    #[cfg(feature = "i18n")]
    i18n::generate();
}

#[cfg(feature = "i18n")]
mod i18n {
    use leptos_i18n_build::{Config, TranslationsInfos};
    use std::path::PathBuf;

    pub fn generate() {
        println!("cargo::rerun-if-changed=locales");
        println!("cargo::rerun-if-env-changed=I18N_SIZE_JSON_DIR");
        let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("i18n");
        let cfg = Config::new("uz-Latn")
            .and_then(|c| c.add_locale("uz-Cyrl"))
            .and_then(|c| c.add_locale("ru"))
            .and_then(|c| c.add_locale("en"))
            .expect("the locales' configuration");
        let infos = TranslationsInfos::parse(cfg).expect("the translations parse");
        infos.emit_diagnostics();
        infos.rerun_if_locales_changed();
        infos.generate_i18n_module(out).expect("the i18n module is generated");
        if cfg!(feature = "dynamic") {
            if let Some(dir) = std::env::var_os("I18N_SIZE_JSON_DIR") {
                infos
                    .get_translations()
                    .write_to_dir(PathBuf::from(dir))
                    .expect("the translations' JSON is written");
            }
        }
    }
}
