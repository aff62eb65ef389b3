//! Adversarial score files: each is rejected with its own kind of error.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kaohe::io::key_files;
use kaohe::io::rubric_files;
use kaohe::rubric::{Rubric, hash::rubric_hash};
use kaohe::seal::dsse;
use kaohe::seal::keys::{self, KeyLine, Signer};
use kaohe::seal::payload::{FORMAT, PAYLOAD_TYPE, ScoreEntry, ScoreFile, Verified};
use kaohe::seal::trust::Trust;
use kaohe::seal::verify::{Keys, VerifyError, verify_bytes};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const HEALTH: &str = "市卫健委";

struct Fixture {
    _dir: tempfile::TempDir,
    signer: Signer,
    line: KeyLine,
    trust: Trust,
    rubric: Rubric,
}

fn signer(dir: &std::path::Path, dept: &str) -> (Signer, KeyLine) {
    let (path, line) = key_files::keygen(dir, dept, "张三", None).expect("keygen");
    (key_files::load_signer(&path, None).expect("load"), line)
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp");
    let (signer, line) = signer(dir.path(), HEALTH);
    let mut trust = Trust::default();
    trust.add(&line).expect("a new key");
    Fixture {
        _dir: dir,
        signer,
        line,
        trust,
        rubric: rubric_files::find("suizhou-2022").expect("bundled"),
    }
}

fn entry(district: &str, item: &str, score: Option<Decimal>) -> ScoreEntry {
    ScoreEntry {
        district: district.into(),
        item: item.into(),
        sub: None,
        score,
        veto: None,
        input: None,
        note: String::new(),
        evidence_missing: false,
    }
}

fn scores(f: &Fixture, revision: u64, entries: Vec<ScoreEntry>) -> ScoreFile {
    ScoreFile {
        format: FORMAT,
        rubric: f.rubric.id.clone(),
        rubric_hash: rubric_hash(&f.rubric),
        department: HEALTH.into(),
        scorer: "张三".into(),
        key_id: f.line.key_id.clone(),
        revision,
        created: "2026-11-22T00:00:00Z".into(),
        scores: entries,
    }
}

fn seal_json(f: &Fixture, payload: &[u8]) -> Vec<u8> {
    dsse::sign_envelope(&f.signer, PAYLOAD_TYPE, payload)
}

fn sealed(f: &Fixture, s: &ScoreFile) -> Vec<u8> {
    seal_json(f, &serde_json::to_vec(s).expect("json"))
}

fn good(f: &Fixture) -> Vec<u8> {
    sealed(f, &scores(f, 1, vec![entry("曾都区", "1.1.7", Some(dec!(1.5)))]))
}

/// Verified against a trust file and key lines of the test's own.
fn check_with(f: &Fixture, bytes: &[u8], trust: Option<&Trust>, extra: &[KeyLine]) -> Result<Verified, VerifyError> {
    verify_bytes("t.json", bytes, &Keys { trust, extra }, std::slice::from_ref(&f.rubric))
}

fn check(f: &Fixture, bytes: &[u8]) -> Result<Verified, VerifyError> {
    verify_bytes(
        "t.json",
        bytes,
        &Keys {
            trust: Some(&f.trust),
            extra: &[],
        },
        std::slice::from_ref(&f.rubric),
    )
}

/// The envelope as JSON, to tamper with.
fn envelope(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("envelope JSON")
}

fn payload_of(v: &serde_json::Value) -> Vec<u8> {
    STANDARD
        .decode(v["payload"].as_str().expect("payload"))
        .expect("base64")
}

#[test]
fn a_good_file_verifies() {
    let f = fixture();
    let v = check(&f, &good(&f)).expect("verifies");
    assert!(v.trusted);
    assert_eq!(v.scores.scores[0].score, Some(dec!(1.5)));
}

#[test]
fn a_flipped_bit_in_the_payload() {
    let f = fixture();
    let mut env = envelope(&good(&f));
    let mut payload = payload_of(&env);
    let at = payload.len() / 2;
    payload[at] ^= 0x01;
    env["payload"] = STANDARD.encode(&payload).into();
    let err = check(&f, &serde_json::to_vec(&env).expect("json")).expect_err("tampered");
    assert!(matches!(err, VerifyError::BadSignature { .. }), "{err}");
}

#[test]
fn a_flipped_bit_in_the_signature() {
    let f = fixture();
    let mut env = envelope(&good(&f));
    let mut sig = STANDARD
        .decode(env["signatures"][0]["sig"].as_str().expect("sig"))
        .expect("b64");
    sig[10] ^= 0x80;
    env["signatures"][0]["sig"] = STANDARD.encode(&sig).into();
    let err = check(&f, &serde_json::to_vec(&env).expect("json")).expect_err("tampered");
    assert!(matches!(err, VerifyError::BadSignature { .. }), "{err}");
}

#[test]
fn a_flipped_bit_in_the_payload_type() {
    let f = fixture();
    let mut env = envelope(&good(&f));
    let flipped: String = PAYLOAD_TYPE.replacen('k', "K", 1);
    env["payloadType"] = flipped.into();
    let err = check(&f, &serde_json::to_vec(&env).expect("json")).expect_err("tampered");
    assert!(matches!(err, VerifyError::PayloadType { .. }), "{err}");
    // The kaohe type, but a signature made over another type, is caught by the signature.
    let other = dsse::sign_envelope(&f.signer, "application/other", &payload_of(&envelope(&good(&f))));
    let mut env = envelope(&other);
    env["payloadType"] = PAYLOAD_TYPE.into();
    let err = check(&f, &serde_json::to_vec(&env).expect("json")).expect_err("type swapped");
    assert!(matches!(err, VerifyError::BadSignature { .. }), "{err}");
}

#[test]
fn another_departments_key() {
    let f = fixture();
    let dir = tempfile::tempdir().expect("temp");
    let (police, police_line) = signer(dir.path(), "市公安局");
    let mut trust = f.trust.clone();
    trust.add(&police_line).expect("a new key");
    let mut s = scores(&f, 1, vec![entry("曾都区", "1.1.7", Some(dec!(1)))]);
    s.key_id = police_line.key_id.clone();
    let bytes = dsse::sign_envelope(&police, PAYLOAD_TYPE, &serde_json::to_vec(&s).expect("json"));
    let err = verify_bytes(
        "t.json",
        &bytes,
        &Keys {
            trust: Some(&trust),
            extra: &[],
        },
        std::slice::from_ref(&f.rubric),
    )
    .expect_err("police signing for water");
    assert!(matches!(err, VerifyError::OtherDepartment { .. }), "{err}");
}

#[test]
fn a_revoked_key() {
    let mut f = fixture();
    let bytes = good(&f);
    let id = f.line.key_id.clone();
    f.trust.revoke(&id).expect("revoke");
    let err = check(&f, &bytes).expect_err("revoked");
    assert!(matches!(err, VerifyError::Revoked { .. }), "{err}");
}

#[test]
fn an_untrusted_key_and_an_unknown_signer() {
    let f = fixture();
    let dir = tempfile::tempdir().expect("temp");
    let (stranger, stranger_line) = signer(dir.path(), HEALTH);
    let mut s = scores(&f, 1, vec![]);
    s.key_id = stranger_line.key_id.clone();
    let bytes = dsse::sign_envelope(&stranger, PAYLOAD_TYPE, &serde_json::to_vec(&s).expect("json"));
    // Known key (given for this run) but not in the trust file: intact, refused.
    let err = verify_bytes(
        "t.json",
        &bytes,
        &Keys {
            trust: Some(&f.trust),
            extra: std::slice::from_ref(&stranger_line),
        },
        std::slice::from_ref(&f.rubric),
    )
    .expect_err("untrusted");
    assert!(matches!(err, VerifyError::Untrusted { .. }), "{err}");
    // No way to check the signature at all.
    let err = check(&f, &bytes).expect_err("unknown");
    assert!(matches!(err, VerifyError::UnknownSigner { .. }), "{err}");
    // Without a trust file, integrity is checked and the signer is reported untrusted.
    let v = verify_bytes(
        "t.json",
        &bytes,
        &Keys {
            trust: None,
            extra: &[stranger_line],
        },
        std::slice::from_ref(&f.rubric),
    )
    .expect("intact");
    assert!(!v.trusted);
}

#[test]
fn an_item_the_department_does_not_own() {
    let f = fixture();
    let bytes = sealed(&f, &scores(&f, 1, vec![entry("曾都区", "3.3.2", Some(dec!(3)))]));
    let err = check(&f, &bytes).expect_err("police item");
    assert!(matches!(err, VerifyError::NotOwned { .. }), "{err}");
}

#[test]
fn a_wrong_rubric_hash() {
    let f = fixture();
    let mut s = scores(&f, 1, vec![]);
    s.rubric_hash = "0".repeat(64);
    let err = check(&f, &sealed(&f, &s)).expect_err("hash");
    assert!(matches!(err, VerifyError::UnknownRubric { .. }), "{err}");
}

#[test]
fn every_prefix_is_rejected() {
    let f = fixture();
    let bytes = good(&f);
    // The envelope ends with a newline; without it the JSON is still whole.
    assert_eq!(bytes.last(), Some(&b'\n'));
    for n in 0..bytes.len() - 1 {
        assert!(check(&f, &bytes[..n]).is_err(), "prefix of {n} bytes accepted");
    }
}

#[test]
fn trailing_garbage() {
    let f = fixture();
    let mut bytes = good(&f);
    bytes.extend_from_slice(b"\n{}");
    let err = check(&f, &bytes).expect_err("garbage");
    assert!(matches!(err, VerifyError::Envelope { .. }), "{err}");
}

#[test]
fn duplicate_keys_in_the_envelope() {
    let f = fixture();
    let text = String::from_utf8(good(&f)).expect("utf8");
    let doubled = text.replacen(
        "\"payloadType\"",
        &format!("\"payloadType\": \"{PAYLOAD_TYPE}\", \"payloadType\""),
        1,
    );
    let err = check(&f, doubled.as_bytes()).expect_err("dup");
    assert!(matches!(err, VerifyError::Envelope { .. }), "{err}");
}

#[test]
fn duplicate_keys_inside_a_score_entry() {
    let f = fixture();
    let json = serde_json::to_string(&scores(&f, 1, vec![entry("曾都区", "1.1.7", Some(dec!(1)))])).expect("json");
    let doubled = json.replacen("\"score\":\"1\"", "\"score\":\"1\",\"score\":\"5\"", 1);
    assert_ne!(json, doubled);
    let err = check(&f, &seal_json(&f, doubled.as_bytes())).expect_err("dup");
    assert!(matches!(err, VerifyError::Payload { .. }), "{err}");
    assert!(err.to_string().contains("duplicate field"), "{err}");
    let with_input = json.replacen(
        "\"score\":\"1\"",
        "\"score\":\"1\",\"input\":{\"helper\":\"scale\",\"level\":\"好\",\"level\":\"差\"}",
        1,
    );
    let err = check(&f, &seal_json(&f, with_input.as_bytes())).expect_err("dup in helper input");
    assert!(matches!(err, VerifyError::Payload { .. }), "{err}");
    let two_tags = json.replacen(
        "\"score\":\"1\"",
        "\"score\":\"1\",\"input\":{\"helper\":\"scale\",\"helper\":\"scale\",\"level\":\"好\"}",
        1,
    );
    let err = check(&f, &seal_json(&f, two_tags.as_bytes())).expect_err("two tags");
    assert!(matches!(err, VerifyError::Payload { .. }), "{err}");
}

#[test]
fn duplicate_keys_in_the_payload() {
    let f = fixture();
    let json = serde_json::to_string(&scores(&f, 1, vec![])).expect("json");
    let doubled = json.replacen("\"revision\":1", "\"revision\":1,\"revision\":9", 1);
    assert_ne!(json, doubled);
    let err = check(&f, &seal_json(&f, doubled.as_bytes())).expect_err("dup");
    assert!(matches!(err, VerifyError::Payload { .. }), "{err}");
}

/// A payload whose one score is written `raw` in the JSON.
fn with_raw_score(f: &Fixture, raw: &str) -> Result<Verified, VerifyError> {
    let json = serde_json::to_string(&scores(f, 1, vec![entry("曾都区", "1.1.7", Some(dec!(1)))])).expect("json");
    let edited = json.replacen("\"score\":\"1\"", &format!("\"score\":{raw}"), 1);
    assert_ne!(json, edited, "the score was replaced");
    check(f, &seal_json(f, edited.as_bytes()))
}

fn assert_payload_error(raw: &str) {
    let f = fixture();
    let err = with_raw_score(&f, raw).expect_err(raw);
    assert!(matches!(err, VerifyError::Payload { .. }), "{raw}: {err}");
}

fn assert_out_of_bounds(raw: &str, says: &str) {
    let f = fixture();
    let err = with_raw_score(&f, raw).expect_err(raw);
    assert!(matches!(err, VerifyError::OutOfBounds { .. }), "{raw}: {err}");
    assert!(err.to_string().contains(says), "{raw}: {err}");
}

#[test]
fn a_number_too_large_for_any_float() {
    assert_payload_error("1e400");
    assert_payload_error("\"1e400\"");
}

#[test]
fn not_a_number() {
    assert_payload_error("NaN");
    assert_payload_error("\"NaN\"");
    assert_payload_error("\"inf\"");
}

#[test]
fn a_score_as_a_json_number_rather_than_a_decimal_string() {
    assert_payload_error("4.5");
}

#[test]
fn two_to_the_sixty_fourth() {
    assert_payload_error("18446744073709551616");
    assert_out_of_bounds("\"18446744073709551616\"", "outside 0..2");
    // Beyond what a decimal holds at all.
    assert_payload_error("\"340282366920938463463374607431768211456\"");
}

#[test]
fn a_revision_of_two_to_the_sixty_fourth() {
    let f = fixture();
    let json = serde_json::to_string(&scores(&f, 1, vec![])).expect("json");
    let edited = json.replacen("\"revision\":1", "\"revision\":18446744073709551616", 1);
    assert_ne!(json, edited);
    let err = check(&f, &seal_json(&f, edited.as_bytes())).expect_err("2^64");
    assert!(matches!(err, VerifyError::Payload { .. }), "{err}");
}

#[test]
fn negative_zero() {
    assert_payload_error("\"-0\"");
    let f = fixture();
    let err = with_raw_score(&f, "\"-0\"").expect_err("-0");
    assert!(err.to_string().contains("not written the way kaohe writes it"), "{err}");
    assert_payload_error("\"+1\"");
    assert_payload_error("\"01\"");
}

#[test]
fn more_decimals_than_the_rubric_allows() {
    assert_out_of_bounds("\"1.555\"", "more than 2 decimal places");
}

#[test]
fn a_score_over_the_max() {
    assert_out_of_bounds("\"2.5\"", "outside 0..2");
    assert_out_of_bounds("\"-1\"", "outside 0..2");
}

#[test]
fn non_canonical_base64() {
    let f = fixture();
    let env = envelope(&good(&f));
    let payload = env["payload"].as_str().expect("payload").to_string();
    for bad in [
        payload.trim_end_matches('=').to_string(),
        payload.replace('+', "-").replace('/', "_"),
        format!("{payload} "),
    ] {
        if bad == payload {
            continue;
        }
        let mut e = env.clone();
        e["payload"] = bad.into();
        let err = check(&f, &serde_json::to_vec(&e).expect("json")).expect_err("non-canonical");
        assert!(matches!(err, VerifyError::Envelope { .. }), "{err}");
    }
}

#[test]
fn an_unknown_district() {
    let f = fixture();
    let bytes = sealed(&f, &scores(&f, 1, vec![entry("洛阳市", "1.1.7", Some(dec!(1)))]));
    let err = check(&f, &bytes).expect_err("district");
    assert!(matches!(err, VerifyError::UnknownDistrict { .. }), "{err}");
}

#[test]
fn the_same_cell_twice_in_one_file() {
    let f = fixture();
    let e = entry("曾都区", "1.1.7", Some(dec!(1)));
    let err = check(&f, &sealed(&f, &scores(&f, 1, vec![e.clone(), e]))).expect_err("twice");
    assert!(matches!(err, VerifyError::Duplicate { .. }), "{err}");
}

#[test]
fn content_claiming_another_key_than_the_signer() {
    let f = fixture();
    let mut s = scores(&f, 1, vec![]);
    s.key_id = "ab".repeat(32);
    let err = check(&f, &sealed(&f, &s)).expect_err("claim");
    assert!(matches!(err, VerifyError::KeyMismatch { .. }), "{err}");
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_parsing() {
    let f = fixture();
    let huge = vec![b' '; dsse::MAX_ENVELOPE_BYTES + 1];
    let err = check(&f, &huge).expect_err("huge");
    assert!(matches!(err, VerifyError::TooLarge { .. }), "{err}");
}

#[test]
fn two_signatures_are_refused() {
    let f = fixture();
    let mut env = envelope(&good(&f));
    let sig = env["signatures"][0].clone();
    env["signatures"] = serde_json::Value::Array(vec![sig.clone(), sig]);
    let err = check(&f, &serde_json::to_vec(&env).expect("json")).expect_err("two");
    assert!(matches!(err, VerifyError::Envelope { .. }), "{err}");
}

#[test]
fn an_unknown_field_in_the_envelope() {
    let f = fixture();
    let mut env = envelope(&good(&f));
    env["note"] = "hi".into();
    let err = check(&f, &serde_json::to_vec(&env).expect("json")).expect_err("field");
    assert!(matches!(err, VerifyError::Envelope { .. }), "{err}");
}

// ---- keys ----

#[cfg(unix)]
#[test]
fn a_key_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp");
    let (path, _) = key_files::keygen(dir.path(), HEALTH, "张三", None).expect("keygen");
    assert_eq!(
        std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
        0o600
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let err = key_files::load_signer(&path, None).err().expect("refused");
    assert!(matches!(err, keys::KeyError::Readable { mode: 0o644, .. }), "{err}");
    assert!(err.to_string().contains("chmod 600"), "{err}");
}

#[test]
fn a_key_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp");
    let (path, first) = key_files::keygen(dir.path(), HEALTH, "张三", None).expect("keygen");
    let before = std::fs::read(&path).expect("read");
    let err = key_files::keygen(dir.path(), HEALTH, "张三", None).expect_err("exists");
    assert!(matches!(err, keys::KeyError::Exists { .. }), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert_eq!(key_files::read_key_line(&path).expect("line"), first);
}

#[test]
fn a_passphrase_protects_the_key() {
    let dir = tempfile::tempdir().expect("temp");
    let (path, line) = key_files::keygen(dir.path(), HEALTH, "张三", Some("correct horse")).expect("keygen");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("argon2id") && text.contains("chacha20poly1305"), "{text}");
    assert!(key_files::key_needs_passphrase(&path).expect("read"));
    assert!(matches!(
        key_files::load_signer(&path, None),
        Err(keys::KeyError::NeedsPassphrase { .. })
    ));
    assert!(matches!(
        key_files::load_signer(&path, Some("wrong")),
        Err(keys::KeyError::WrongPassphrase { .. })
    ));
    let signer = key_files::load_signer(&path, Some("correct horse")).expect("opens");
    assert_eq!(signer.key_line(), &line);
    // The public line is readable without the passphrase.
    assert_eq!(key_files::read_key_line(&path).expect("line"), line);
}

#[test]
fn key_id_is_the_sha256_of_the_raw_public_key() {
    let line = keys::Signer::from_seed([0; 32], HEALTH, "张三").key_line().clone();
    use sha2::Digest;
    let expected: String = sha2::Sha256::digest(line.public_key)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(line.key_id, expected);
    let shown = line.to_string();
    assert!(shown.starts_with(&format!("ed25519 {expected} ")), "{shown}");
    assert!(shown.ends_with(" 市卫健委 张三"), "{shown}");
}

// ---- vectors ----

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn dsse_pae_vector() {
    assert_eq!(
        dsse::pae("http://example.com/HelloWorld", b"hello world"),
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
    );
}

/// RFC 8032 section 7.1, tests 1 to 3: our signer makes exactly these
/// signatures, and the envelope check accepts them.
#[test]
fn rfc8032_ed25519_vectors() {
    let vectors = [
        (
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        ),
        (
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        ),
        (
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
        ),
    ];
    for (secret, public, message, signature) in vectors {
        let seed: [u8; 32] = unhex(secret).try_into().expect("32");
        let signer = keys::Signer::from_seed(seed, HEALTH, "张三");
        assert_eq!(signer.key_line().public_key.to_vec(), unhex(public));
        assert_eq!(signer.sign(&unhex(message)).to_vec(), unhex(signature));
    }
}

/// Finding 5 of the office's issue: past 28 places a Decimal rounds as it
/// reads, so "3.000…0001" would pass for 3 and "2.4999…9" for 2.5. Such a
/// score is refused as written, before any check could see the rounded one.
#[test]
fn a_score_with_more_digits_than_a_decimal_holds() {
    let f = fixture();
    for raw in [
        "\"3.00000000000000000000000000001\"",
        "\"2.4999999999999999999999999999999\"",
    ] {
        let err = with_raw_score(&f, raw).expect_err(raw);
        assert!(
            matches!(err, VerifyError::Payload { .. }) && err.to_string().contains("more digits than a score can hold"),
            "{raw}: {err}"
        );
    }
}

/// Finding 7: the fields the reports print are checked too. A revision of
/// 0 or past u32, and a `created` that is not a time as kaohe writes one
/// (the newest sets the workbook's date), are refused with their own words.
#[test]
fn revision_and_creation_time_are_checked() {
    let f = fixture();
    let json = serde_json::to_string(&scores(&f, 1, vec![])).expect("json");
    for (from, to, says) in [
        ("\"revision\":1", "\"revision\":0", "revisions count from 1"),
        ("\"revision\":1", "\"revision\":4294967296", "revisions count from 1"),
        (
            "\"created\":\"2026-11-22T00:00:00Z\"",
            "\"created\":\"yesterday\"",
            "not a time as kaohe writes one",
        ),
        (
            "\"created\":\"2026-11-22T00:00:00Z\"",
            "\"created\":\"2026-02-30T00:00:00Z\"",
            "not a time as kaohe writes one",
        ),
    ] {
        let edited = json.replacen(from, to, 1);
        assert_ne!(json, edited, "{to}");
        let err = check(&f, &seal_json(&f, edited.as_bytes())).expect_err(to);
        assert!(
            matches!(err, VerifyError::Payload { .. }) && err.to_string().contains(says),
            "{to}: {err}"
        );
    }
}

/// Issue 25 finding 3: a revocation written by hand as a shortened or
/// upper-case id matched no key while `trust list` counted it, and files of
/// that key verified as trusted. The trust file now refuses such an entry,
/// naming its line; `trust revoke` takes either case and writes kaohe's.
#[test]
fn a_hand_written_revocation_is_a_whole_id_or_the_trust_file_is_refused() {
    let f = fixture();
    let id = f.line.key_id.clone();
    let key = &f.trust.keys[0];
    let with_revoked = |revoked: &str| {
        format!(
            "revoked = [\"{revoked}\"]\n\n[[key]]\ndepartment = \"{}\"\nscorer = \"{}\"\nkey_id = \"{}\"\npublic_key = \"{}\"\n",
            key.department, key.scorer, key.key_id, key.public_key
        )
    };
    for written in [id[..10].to_string(), id.to_ascii_uppercase(), format!(" {id}")] {
        let err = Trust::parse("trust.toml", &with_revoked(&written)).expect_err(&written);
        let said = err.to_string();
        assert!(
            said.contains("trust.toml:1:") && said.contains("not a whole key id"),
            "{said}"
        );
    }
    let trust = Trust::parse("trust.toml", &with_revoked(&id)).expect("the whole id");
    let bytes = good(&f);
    let err = check_with(&f, &bytes, Some(&trust), &[]).expect_err("revoked");
    assert!(matches!(err, VerifyError::Revoked { .. }), "{err}");

    let mut upper = f.trust.clone();
    assert_eq!(upper.revoke(&id.to_ascii_uppercase()), Ok(id.clone()));
    assert_eq!(upper.revoked, vec![id]);
}

/// Issue 25 finding 4: the scorer a file names is the one its key line
/// names. A key trusted as (市卫健委, 张三) signing a file that says 李四
/// is refused; so is the same file checked with a `--key` line.
#[test]
fn a_file_naming_another_scorer_than_its_key_is_refused() {
    let f = fixture();
    let mut s = scores(&f, 1, vec![entry("曾都区", "1.1.7", Some(dec!(1.5)))]);
    s.scorer = "李四".into();
    let bytes = sealed(&f, &s);
    let err = check(&f, &bytes).expect_err("another scorer");
    assert!(
        matches!(&err, VerifyError::OtherScorer { key_scorer, claims, .. } if key_scorer == "张三" && claims == "李四"),
        "{err}"
    );
    let extra = [f.line.clone()];
    let err = check_with(&f, &bytes, None, &extra).expect_err("the key line names 张三 too");
    assert!(matches!(err, VerifyError::OtherScorer { .. }), "{err}");
}

/// Issue 25 finding 10: a score file opened and saved in Notepad gains a
/// UTF-8 byte-order mark; it verifies as before (the mark is outside the
/// signed bytes). A mark inside the signed payload is still refused.
#[test]
fn a_byte_order_mark_before_the_envelope_is_passed_over() {
    let f = fixture();
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(good(&f));
    let verified = check(&f, &bytes).expect("verifies with the mark");
    assert_eq!(verified.scores.scores.len(), 1);
    let s = scores(&f, 1, vec![]);
    let mut payload = "\u{feff}".as_bytes().to_vec();
    payload.extend(serde_json::to_vec(&s).expect("json"));
    let err = check(&f, &seal_json(&f, &payload)).expect_err("a mark in the payload");
    assert!(matches!(err, VerifyError::Payload { .. }), "{err}");
}

/// Issue 25 finding 10: a key revoked ahead (by its whole id, before it was
/// ever trusted) is refused as revoked, not sent to `trust add`.
#[test]
fn a_key_revoked_before_it_was_trusted_is_refused_as_revoked() {
    let f = fixture();
    let bytes = good(&f);
    let mut trust = Trust::default();
    trust.revoke(&f.line.key_id).expect("revoked ahead");
    let err = check_with(&f, &bytes, Some(&trust), &[]).expect_err("revoked");
    assert!(matches!(err, VerifyError::Revoked { .. }), "{err}");
    assert!(!err.to_string().contains("trust add"), "{err}");
}

/// Issue 25 finding 10: `created` was unchecked: a file dated 2099 verified.
/// A file dated more than a day after the office's clock is refused, naming
/// its date; one dated within the day (a time zone, a slow clock) is not.
#[test]
fn a_file_dated_after_tomorrow_is_refused() {
    use kaohe::office::{Checking, Office, Unwatched};
    let f = fixture();
    let dir = tempfile::tempdir().expect("temp");
    let trust_path = dir.path().join("trust.toml");
    kaohe::io::trust_file::save(&f.trust, &trust_path).expect("trust");
    let dirs = kaohe::config::Dirs::from_overrides(
        Some(dir.path().join("config").as_os_str()),
        Some(dir.path().join("data").as_os_str()),
    )
    .expect("dirs");
    let checking = Checking {
        trust: Some(&trust_path),
        keys: &[],
        rubric: None,
    };
    let office = Office::open(&checking, &dirs).expect("office");
    let mut verdicts = Vec::new();
    for (name, created) in [
        ("2099.json", "2099-01-01T00:00:00Z".to_string()),
        ("soon.json", kaohe::clock::utc_after(3_600)),
        ("past.json", "2026-11-22T00:00:00Z".to_string()),
    ] {
        let mut s = scores(&f, 1, vec![entry("曾都区", "1.1.7", Some(dec!(1.5)))]);
        s.created = created;
        let path = dir.path().join(name);
        std::fs::write(&path, sealed(&f, &s)).expect("write");
        verdicts.push(office.verify_all(&[path], &Unwatched).expect("checked").remove(0));
    }
    match &verdicts[0] {
        Err(e @ VerifyError::FromTheFuture { created, .. }) => {
            assert_eq!(created, "2099-01-01T00:00:00Z");
            let words = kaohe::tui::i18n::verify_error(kaohe::lang::Lang::Zh, e);
            assert!(words.contains("时钟不对") && words.contains("2099-01-01"), "{words}");
        }
        other => panic!("2099 verified: {other:?}"),
    }
    assert!(
        verdicts[1].is_ok(),
        "an hour ahead is a clock's drift: {:?}",
        verdicts[1]
    );
    assert!(verdicts[2].is_ok(), "{:?}", verdicts[2]);
}
