//! What a third party needs to check a score file without kaohe: the JSON
//! Schemas in `schemas/` hold for real exports, the key id and the rubric
//! hash can be recomputed as the README says, and a Python script using
//! only PyNaCl verifies an exported file (run where python3 and PyNaCl exist).
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::office::Office;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

const WATER: &str = "市水利和湖泊局";

/// 水利's key line and a signed export of a draft with a score, a note,
/// a missing-evidence flag and a note-only cell.
fn export(machine: &Office) -> (String, PathBuf) {
    let line = machine.keygen("水利", "王五").trim().to_string();
    let shown: Value = serde_json::from_str(&machine.ok(&["rubric", "show", "suizhou-2022", "--json"])).expect("json");
    let draft = json!({
        "format": 1, "rubric": "suizhou-2022", "rubric_hash": shown["hash"], "department": WATER,
        "scorer": "王五",
        "cells": {
            "曾都区": {"1.1.3#1": {"score": "1", "note": "台账齐全"}, "1.1.3#2": {"score": "0.8", "evidence_missing": true}},
            "随县": {"1.1.3#1": {"note": "材料未到"}}
        }
    });
    let file = machine.path("data/drafts").join(format!("suizhou-2022--{WATER}.json"));
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&file, draft.to_string()).expect("draft");
    machine.ok(&["export", "--rubric", "suizhou-2022", "--dept", "水利", "--out", "out"]);
    (line, machine.path(&format!("out/suizhou-2022-{WATER}-王五-r1.json")))
}

fn schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(name);
    let value: Value = serde_json::from_slice(&std::fs::read(&path).expect("schema")).expect("schema is JSON");
    jsonschema::validator_for(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn payload_of(envelope: &Value) -> Value {
    let bytes = STANDARD
        .decode(envelope["payload"].as_str().expect("payload"))
        .expect("base64");
    serde_json::from_slice(&bytes).expect("payload JSON")
}

fn problems(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn the_schemas_hold_for_real_exports_and_refuse_what_verify_refuses() {
    let (envelopes, payloads) = (schema("envelope.schema.json"), schema("payload.schema.json"));
    let machine = Office::new();
    let (_, exported) = export(&machine);
    machine.ok(&[
        "synth",
        "--districts",
        "4",
        "--items",
        "30",
        "--departments",
        "3",
        "--out",
        "synth",
    ]);
    let mut files = vec![exported];
    for dir in [
        machine.path("synth/files"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/score_file"),
    ] {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            let is_score_file = std::fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
                .is_some_and(|v| v.get("payloadType").is_some());
            if is_score_file {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 8, "{files:?}");
    let mut helpers = std::collections::BTreeSet::new();
    for path in &files {
        let envelope: Value = serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON");
        assert_eq!(
            problems(&envelopes, &envelope),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        let payload = payload_of(&envelope);
        assert_eq!(
            problems(&payloads, &payload),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        for entry in payload["scores"].as_array().expect("scores") {
            if let Some(h) = entry["input"]["helper"].as_str() {
                helpers.insert(h.to_string());
            }
        }
    }
    assert!(helpers.contains("per_event"), "{helpers:?}");

    let envelope: Value = serde_json::from_slice(&std::fs::read(&files[0]).expect("read")).expect("JSON");
    let payload = payload_of(&envelope);
    let mutated = |f: &dyn Fn(&mut Value)| {
        let mut p = payload.clone();
        f(&mut p);
        p
    };
    for (what, bad) in [
        ("an unknown field", mutated(&|p| p["extra"] = json!(1))),
        ("revision 0", mutated(&|p| p["revision"] = json!(0))),
        (
            "a revision past u32",
            mutated(&|p| p["revision"] = json!(4_294_967_296_u64)),
        ),
        ("a local time", mutated(&|p| p["created"] = json!("2026-12-01 08:00"))),
        (
            "a score in exponent form",
            mutated(&|p| p["scores"][0]["score"] = json!("1e0")),
        ),
        ("a score of -0", mutated(&|p| p["scores"][0]["score"] = json!("-0"))),
        ("a score as a number", mutated(&|p| p["scores"][0]["score"] = json!(1))),
        (
            "an upper-case key id",
            mutated(&|p| p["key_id"] = json!("A".repeat(64))),
        ),
    ] {
        assert!(!payloads.is_valid(&bad), "the payload schema lets {what} through");
    }
    let mut two = envelope.clone();
    two["signatures"] = json!([envelope["signatures"][0], envelope["signatures"][0]]);
    assert!(!envelopes.is_valid(&two), "two signatures");
}

#[test]
fn the_key_id_and_the_rubric_hash_recompute_as_the_readme_says() {
    let machine = Office::new();
    let (line, file) = export(&machine);
    let fields: Vec<&str> = line.split_whitespace().collect();
    let public = STANDARD.decode(fields[2]).expect("base64 key");
    assert_eq!(public.len(), 32, "a raw Ed25519 public key");
    assert_eq!(
        kaohe::rubric::hash::hex(&Sha256::digest(&public)),
        fields[1],
        "key id = hex SHA-256 of the raw key"
    );

    let mut shown: Value =
        serde_json::from_str(&machine.ok(&["rubric", "show", "suizhou-2022", "--json"])).expect("json");
    for param in [
        "precision",
        "bonus_cap",
        "total",
        "veto_effect",
        "grades",
        "departments",
        "districts",
        "items",
    ] {
        assert!(shown.get(param).is_some(), "rubric show --json leaves out {param}");
    }
    let hash = shown.as_object_mut().expect("object").remove("hash").expect("hash");
    let canonical = kaohe::rubric::hash::canonical_json(&shown);
    let text = String::from_utf8(canonical.clone()).expect("UTF-8");
    assert!(text.contains("随州市") && !text.contains("\\u"), "non-ASCII as itself");
    assert_eq!(json!(kaohe::rubric::hash::hex(&Sha256::digest(&canonical))), hash);
    let envelope: Value = serde_json::from_slice(&std::fs::read(file).expect("read")).expect("JSON");
    assert_eq!(payload_of(&envelope)["rubric_hash"], hash);
}

fn python_with_pynacl() -> bool {
    Command::new("python3")
        .args(["-c", "import nacl.signing"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_python_script_with_pynacl_verifies_an_export_and_recomputes_its_rubric_hash() {
    if !python_with_pynacl() {
        eprintln!("skipped: python3 with PyNaCl is not here (pip install pynacl)");
        return;
    }
    let machine = Office::new();
    let (line, file) = export(&machine);
    let rubric = machine.path("suizhou-2022.json");
    std::fs::write(&rubric, machine.ok(&["rubric", "show", "suizhou-2022", "--json"])).expect("write");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/verify_score_file.py");
    let run = |file: &Path, rubric: &Path| {
        Command::new("python3")
            .arg(&script)
            .arg(file)
            .arg(&line)
            .arg(rubric)
            .output()
            .expect("python3")
    };
    let o = run(&file, &rubric);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{said}{}", String::from_utf8_lossy(&o.stderr));
    assert!(said.starts_with(&format!("OK {WATER} r1 3 cells")), "{said}");

    // A score changed in the payload: the signature no longer holds.
    let mut envelope: Value = serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("JSON");
    let payload = payload_of(&envelope).to_string().replace("\"0.8\"", "\"1\"");
    envelope["payload"] = json!(STANDARD.encode(payload));
    let forged = machine.path("forged.json");
    std::fs::write(&forged, envelope.to_string()).expect("write");
    let o = run(&forged, &rubric);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("signature does not match"));

    // Another version of the rubric (one figure changed): the hash differs.
    let text = std::fs::read_to_string(&rubric).expect("read");
    let mut shown: Value = serde_json::from_str(&text).expect("json");
    shown["items"][0]["points"] = json!("9");
    let changed = machine.path("changed.json");
    std::fs::write(&changed, shown.to_string()).expect("write");
    let o = run(&file, &changed);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("recomputes as"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
