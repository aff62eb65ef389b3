//! Any text as a user's keymap.toml over the default keymap, and any word of
//! it as a key string: problems name the file and a line inside it, and a key
//! reads back from its own canonical form.
#![no_main]

use kaohe::tui::action::Mode;
use kaohe::tui::keymap::{Key, Keymap};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn default() -> &'static Keymap {
    static DEFAULT: OnceLock<Keymap> = OnceLock::new();
    DEFAULT.get_or_init(|| Keymap::builtin("default").expect("the default keymap loads"))
}

fn round_trips(text: &str) {
    if let Ok(key) = Key::parse(text) {
        let shown = key.to_string();
        assert_eq!(Key::parse(&shown).as_ref(), Ok(&key), "{text:?} shown as {shown:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match default().merge_text("fuzz.toml", &text) {
        Ok(keymap) => {
            for &mode in Mode::ALL {
                for (keys, _) in keymap.bindings(mode) {
                    let seq: Result<Vec<Key>, _> = keys.split_whitespace().map(Key::parse).collect();
                    assert!(seq.is_ok(), "a bound key does not read back: {keys:?}");
                }
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            let lines = text.lines().count() + 1;
            for p in problems {
                assert_eq!(p.file, "fuzz.toml");
                if let Some(line) = p.line {
                    assert!(
                        (1..=lines).contains(&line),
                        "line {line} outside 1..={lines}: {}",
                        p.error
                    );
                }
            }
        }
    }
    round_trips(&text);
    for word in text.split_whitespace().take(32) {
        round_trips(word);
    }
});
