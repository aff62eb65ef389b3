//! Any bytes as a department's signed score file, checked against a trust
//! file that trusts the fuzzing key and every bundled rubric: the size,
//! envelope, base64, signature and payload layers refuse with a message
//! naming the file, and only an intact file signed by that key verifies.
#![no_main]

use kaohe::seal::dsse;
use kaohe::seal::verify::{Keys, verify_bytes};
use kaohe_fuzz::{rubrics, signer, trust};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keys = Keys {
        trust: Some(trust()),
        extra: &[],
    };
    match verify_bytes("fuzz.json", data, &keys, rubrics()) {
        Ok(verified) => {
            assert!(verified.trusted);
            assert_eq!(verified.scores.key_id, signer().key_line().key_id);
            let envelope = dsse::parse_envelope(data).expect("a verified file is an envelope");
            let scores: kaohe::seal::payload::ScoreFile =
                serde_json::from_slice(&envelope.payload).expect("a verified payload parses");
            assert_eq!(scores, verified.scores);
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("fuzz.json: "), "{message}");
        }
    }
});
