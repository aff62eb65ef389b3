//! Any bytes as the payload of a score file, signed by the fuzzing key in the
//! harness so that every input gets past the signature: the payload parser,
//! the signer and trust checks, the rubric lookup and every score's bounds
//! are reached. Checked once against a trust file (which trusts the key for
//! one department) and once with the key given for the run only (which
//! reaches the scores of any department).
#![no_main]

use kaohe::seal::dsse;
use kaohe::seal::payload::PAYLOAD_TYPE;
use kaohe::seal::verify::{Keys, verify_bytes};
use kaohe_fuzz::{SIGNING_DEPARTMENT, key_lines, rubrics, signer, trust, within_bounds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let envelope = dsse::sign_envelope(signer(), PAYLOAD_TYPE, data);
    let with_trust = Keys {
        trust: Some(trust()),
        extra: &[],
    };
    let for_this_run = Keys {
        trust: None,
        extra: key_lines(),
    };
    for keys in [with_trust, for_this_run] {
        match verify_bytes("fuzz.json", &envelope, &keys, rubrics()) {
            Ok(verified) => {
                let scores = &verified.scores;
                assert_eq!(verified.trusted, keys.trust.is_some());
                if verified.trusted {
                    assert_eq!(scores.department, SIGNING_DEPARTMENT);
                }
                let rubric = rubrics()
                    .iter()
                    .find(|r| r.id == scores.rubric)
                    .expect("verified against a known rubric");
                // Every score the verifier let through is one the workbench
                // could have entered, on a unit of the signing department.
                for entry in &scores.scores {
                    assert!(rubric.districts.contains(&entry.district));
                    let unit = rubric
                        .scoring_units()
                        .find(|u| u.item.id == entry.item && u.sub.map(|s| s.id.as_str()) == entry.sub.as_deref())
                        .expect("a verified entry names a unit");
                    assert_eq!(unit.department, scores.department);
                    if let Some(score) = entry.score {
                        assert!(within_bounds(&unit, score), "{score} accepted for {}", entry.item);
                    }
                }
            }
            Err(e) => {
                let message = e.to_string();
                assert!(message.starts_with("fuzz.json: "), "{message}");
            }
        }
    }
});
