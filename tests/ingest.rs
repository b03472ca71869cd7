//! `kehoach ingest` / `kehoach export` on the corpus, through the binary: idempotency, a bad file in
//! the batch, kill-and-rerun, and the two export formats against `extract`'s own JSON.

use kehoach::store::Store;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kehoach-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

const CORPUS: [&str; 4] = ["corpus/000-lo.pdf", "corpus/000-wp.pdf", "corpus/001-lo.pdf", "corpus/001-wp.pdf"];

/// Every row of every table, in rowid order, as text: "the store's content".
fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    tables.sort();
    let mut out = String::new();
    for t in tables {
        let mut st = conn.prepare(&format!("SELECT * FROM {t} ORDER BY rowid")).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
            out += &format!("{t}: {}\n", cells.join(" | "));
        }
    }
    out
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Every version is whole: its rows in tasks, targets, task_units, target_units and warnings are
/// exactly those of its stored JSON; every plan has a version. Returns the number of versions.
fn check_consistent(db: &Path) -> usize {
    let store = Store::open_existing(db).unwrap();
    let conn = store.connection();
    let versions = store.all_versions().unwrap();
    for v in &versions {
        let doc = store.load_document(v.id).unwrap();
        let id = v.id;
        assert_eq!(count(conn, &format!("SELECT count(*) FROM tasks WHERE version_id = {id}")), doc.tasks.len() as i64, "{}", v.path);
        assert_eq!(count(conn, &format!("SELECT count(*) FROM targets WHERE version_id = {id}")), doc.targets.len() as i64, "{}", v.path);
        assert_eq!(count(conn, &format!("SELECT count(*) FROM warnings WHERE version_id = {id}")), doc.warnings.len() as i64);
        let units: usize = doc.tasks.iter().map(|t| t.lead.len() + t.support.len()).sum();
        assert_eq!(
            count(conn, &format!("SELECT count(*) FROM task_units JOIN tasks ON tasks.id = task_units.task_id WHERE version_id = {id}")),
            units as i64
        );
        let tunits: usize = doc.targets.iter().map(|t| t.lead.len()).sum();
        assert_eq!(
            count(conn, &format!("SELECT count(*) FROM target_units JOIN targets ON targets.id = target_units.target_id WHERE version_id = {id}")),
            tunits as i64
        );
        assert_eq!((v.tasks as usize, v.targets as usize), (doc.tasks.len(), doc.targets.len()));
    }
    assert_eq!(count(conn, "SELECT count(*) FROM plans WHERE id NOT IN (SELECT plan_id FROM versions)"), 0, "a plan without versions");
    assert_eq!(count(conn, "SELECT count(*) FROM tasks WHERE version_id NOT IN (SELECT id FROM versions)"), 0);
    assert_eq!(count(conn, "SELECT count(*) FROM targets WHERE version_id NOT IN (SELECT id FROM versions)"), 0);
    assert_eq!(count(conn, "SELECT count(DISTINCT sha256) FROM versions"), versions.len() as i64);
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 0, "foreign keys");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    versions.len()
}

#[test]
fn ingest_twice_leaves_the_store_unchanged() {
    let dir = temp_dir("twice");
    let db = dir.join("plans.db");
    let o = kehoach().arg("ingest").args(CORPUS).arg("--db").arg(&db).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "ingest: 4 loaded, 0 already loaded, 0 failed, 0 skipped\n");
    assert!(o.stdout.is_empty());
    assert_eq!(check_consistent(&db), 4);
    let before = dump(&db);
    // The same files again, and once more as a folder (with its non-PDF files skipped).
    let o = kehoach().arg("ingest").args(CORPUS).arg("--db").arg(&db).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "ingest: 0 loaded, 4 already loaded, 0 failed, 0 skipped\n");
    // A folder: the same PDFs (one in a subfolder, one with no .pdf name, found by its header) and
    // two files that are not PDFs.
    let folder = dir.join("in");
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    for (i, f) in CORPUS.iter().enumerate() {
        let name = Path::new(f).file_name().unwrap().to_string_lossy().to_string();
        let to = match i {
            0 => folder.join("sub").join(name),
            1 => folder.join("plan-without-extension"),
            _ => folder.join(name),
        };
        std::fs::copy(f, to).unwrap();
    }
    std::fs::write(folder.join("notes.txt"), "ghi chú: no %PDF- header here\n").unwrap();
    std::fs::write(folder.join("sub").join("README.md"), "# %PDF-1.7 mentioned on line one, not a header\n").unwrap();
    let o = kehoach().args(["ingest", "--db"]).arg(&db).arg(&folder).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let f = folder.display();
    assert_eq!(
        stderr(&o),
        format!(
            "kehoach: {f}/notes.txt: skipped: not a PDF (no .pdf name, no %PDF- header)\n\
             kehoach: {f}/sub/README.md: skipped: not a PDF (no .pdf name, no %PDF- header)\n\
             ingest: 0 loaded, 4 already loaded, 0 failed, 2 skipped\n"
        )
    );
    assert_eq!(dump(&db), before, "a second load changed the store");

    // Content: two plans (000 and 001, two producers each), every task and target row.
    let store = Store::open_existing(&db).unwrap();
    let plans = store.plans().unwrap();
    assert_eq!(plans.iter().map(|p| p.versions).collect::<Vec<_>>(), vec![2, 2]);
    let conn = store.connection();
    assert_eq!(count(conn, "SELECT count(*) FROM tasks"), 4 * 48);
    // 001: 62 indicator targets; 000: 17 goals of its body (table 0); two producers each.
    assert_eq!(count(conn, "SELECT count(*) FROM targets"), 2 * 62 + 2 * 17);
    // Each version reads back exactly as `extract` writes it.
    for v in store.all_versions().unwrap() {
        let o = kehoach().args(["extract", &v.path]).output().unwrap();
        let extracted: Value = serde_json::from_slice(&o.stdout).unwrap();
        let stored: Value = serde_json::from_str(&store.load_json(v.id).unwrap()).unwrap();
        assert_eq!(stored, extracted, "{}", v.path);
        let doc: Value = serde_json::to_value(store.load_document(v.id).unwrap()).unwrap();
        assert_eq!(doc, extracted, "{}", v.path);
    }
    // A unit row is the registry's canonical name; task_units point at it.
    let name: String = conn.query_row("SELECT name FROM units WHERE id = 'so-khoa-hoc-va-cong-nghe/phong-chuyen-doi-so'", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "Phòng Chuyển đổi số");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_file_is_reported_and_the_others_loaded() {
    let dir = temp_dir("bad");
    let db = dir.join("plans.db");
    let inputs = ["corpus/000-lo.pdf", "tests/bad/truncated.pdf", "tests/bad/make.sh", "tests/bad/html.pdf", "corpus/001-wp.pdf", "tests/bad/no-such.pdf"];
    let o = kehoach().arg("ingest").args(inputs).arg("--db").arg(&db).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Each failure is exactly the line `extract` prints for that file.
    let mut expected = Vec::new();
    for bad in ["tests/bad/truncated.pdf", "tests/bad/html.pdf", "tests/bad/no-such.pdf"] {
        let e = kehoach().args(["extract", bad]).output().unwrap();
        assert_eq!(e.status.code(), Some(1));
        expected.push(stderr(&e).trim_end().to_string());
    }
    let got = stderr(&o);
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(
        lines,
        vec![
            expected[0].as_str(),
            "kehoach: tests/bad/make.sh: skipped: not a PDF (no .pdf name, no %PDF- header)",
            expected[1].as_str(),
            expected[2].as_str(),
            "ingest: 2 loaded, 0 already loaded, 3 failed, 1 skipped",
        ]
    );
    assert_eq!(check_consistent(&db), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn killed_mid_batch_then_rerun_loads_everything_once() {
    let dir = temp_dir("kill");
    let pdfs = dir.join("pdfs");
    std::fs::create_dir_all(&pdfs).unwrap();
    // 40 distinct files: corpus copies with a comment line appended after %%EOF.
    let n = 40;
    for i in 0..n {
        let src = CORPUS[i % 4];
        let mut bytes = std::fs::read(src).unwrap();
        bytes.extend_from_slice(format!("\n% copy {i}\n").as_bytes());
        std::fs::write(pdfs.join(format!("{i:03}-{}", Path::new(src).file_name().unwrap().to_string_lossy())), bytes).unwrap();
    }
    let db = dir.join("plans.db");
    // Each transaction pauses half-way through its tasks, so the kill lands with a document half
    // written: the store must show none of it.
    let mut child = kehoach()
        .args(["ingest", "-j", "2", "--db"])
        .arg(&db)
        .arg(&pdfs)
        .env("KEHOACH_TEST_PAUSE_IN_TX_MS", "300")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let loaded = Store::open_existing(&db).ok().and_then(|s| s.all_versions().ok()).map(|v| v.len()).unwrap_or(0);
        if loaded >= 3 {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "ingest ended before it could be killed");
        assert!(start.elapsed().as_secs() < 300, "ingest made no progress");
    }
    // Mid-pause of the next document's transaction (loading takes well under the 300 ms pause).
    std::thread::sleep(std::time::Duration::from_millis(150));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let after_kill = check_consistent(&db);
    assert!((3..n).contains(&after_kill), "{after_kill} of {n} loaded at the kill");

    let o = kehoach().args(["ingest", "--db"]).arg(&db).arg(&pdfs).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), format!("ingest: {} loaded, {after_kill} already loaded, 0 failed, 0 skipped\n", n - after_kill));
    assert_eq!(check_consistent(&db), n);
    let store = Store::open_existing(&db).unwrap();
    let mut files: Vec<String> = store.all_versions().unwrap().into_iter().map(|v| v.file).collect();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), n, "every file once");
    // Copies of one plan are versions of it: two plans of twenty versions.
    assert_eq!(store.plans().unwrap().iter().map(|p| p.versions).collect::<Vec<_>>(), vec![20, 20]);
    let _ = std::fs::remove_dir_all(&dir);
}

fn ingested_corpus(name: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let db = dir.join("plans.db");
    let o = kehoach().arg("ingest").args(CORPUS).arg("--db").arg(&db).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (dir, db)
}

fn extract_json(path: &str) -> Value {
    serde_json::from_slice(&kehoach().args(["extract", path]).output().unwrap().stdout).unwrap()
}

#[test]
fn jsonl_export_is_the_extract_records_of_the_latest_versions() {
    let (dir, db) = ingested_corpus("jsonl");
    let o = kehoach().args(["export", "--format", "jsonl", "--db"]).arg(&db).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<Value> = String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // Latest versions: 000-wp and 001-wp (loaded last of their plans, no issue dates).
    let mut expected = Vec::new();
    for (plan_id, f) in [(1, "corpus/000-wp.pdf"), (2, "corpus/001-wp.pdf")] {
        let doc = extract_json(f);
        for (kind, list) in [("task", "tasks"), ("target", "targets")] {
            for r in doc[list].as_array().unwrap() {
                expected.push((plan_id, kind, doc["source"]["sha256"].clone(), r.clone()));
            }
        }
    }
    assert_eq!(lines.len(), expected.len());
    assert_eq!(lines.len(), 48 + 17 + 48 + 62);
    for (line, (plan_id, kind, sha, record)) in lines.iter().zip(&expected) {
        let mut l = line.as_object().unwrap().clone();
        assert_eq!(l.remove("record").unwrap(), *kind);
        let plan = l.remove("plan").unwrap();
        assert_eq!(plan["id"], *plan_id);
        assert!(plan["issuer"].is_string());
        let version = l.remove("version").unwrap();
        assert_eq!(version["n"], 2);
        assert_eq!(version["latest"], true);
        assert_eq!(version["sha256"], *sha);
        assert_eq!(Value::Object(l), *record, "the record is the SCHEMA.md shape, unchanged");
    }
    // --all-versions: both producers of both plans; --plan: one plan.
    let o = kehoach().args(["export", "--format", "jsonl", "--all-versions", "--db"]).arg(&db).output().unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 2 * (48 + 17 + 48 + 62));
    let o = kehoach().args(["export", "--format", "jsonl", "--plan", "#2", "--db"]).arg(&db).output().unwrap();
    let recs: Vec<Value> = String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 48 + 62);
    assert_eq!(recs.iter().filter(|r| r["record"] == "target").count(), 62);
    let o = kehoach().args(["export", "--format", "jsonl", "--plan", "99-KH/X", "--db"]).arg(&db).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).trim_end(), format!("kehoach: {}: export: no plan 99-KH/X in the store", db.display()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn csv_export_opens_in_excel_and_parses_back() {
    let (dir, db) = ingested_corpus("csv");
    let o = kehoach().args(["export", "--format", "csv", "--db"]).arg(&db).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = o.stdout;
    assert!(bytes.starts_with("\u{feff}plan_id,".as_bytes()), "UTF-8 byte-order mark first");
    let text = std::str::from_utf8(&bytes).unwrap();
    let mut rdr = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), kehoach::export::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 48 + 48, "one row per task of the latest versions");
    // Every record ends in CRLF: count record ends outside quoted cells.
    let mut quoted = false;
    let (mut crlf, mut bare_lf) = (0, 0);
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                if i > 0 && b[i - 1] == b'\r' {
                    crlf += 1
                } else {
                    bare_lf += 1
                }
            }
            _ => {}
        }
    }
    assert_eq!((crlf, bare_lf), (rows.len() + 1, 0));
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for (plan_rows, f) in [(&rows[..48], "corpus/000-wp.pdf"), (&rows[48..], "corpus/001-wp.pdf")] {
        let doc = extract_json(f);
        let tasks = doc["tasks"].as_array().unwrap();
        for (r, t) in plan_rows.iter().zip(tasks) {
            assert_eq!(&r[col("ref")], t["ref"].as_str().unwrap());
            assert_eq!(&r[col("title")], t["title"].as_str().unwrap_or(""), "Vietnamese text intact");
            assert_eq!(&r[col("kpi")], t["kpi"].as_str().unwrap_or(""));
            let lead: Vec<&str> = t["lead"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
            assert_eq!(&r[col("lead")], lead.join("; "));
            let support: Vec<&str> = t["support"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
            assert_eq!(&r[col("support")], support.join("; "));
            assert_eq!(&r[col("deadline_end")], t["deadline"]["end"].as_str().unwrap_or(""));
            assert_eq!(&r[col("deadline_kind")], t["deadline"]["kind"].as_str().unwrap_or(""));
            assert_eq!(&r[col("deadline_start")], t["deadline"]["start"].as_str().unwrap_or(""));
        }
    }
    // A task of 001 by hand (golden/001.json, ref 3/I/2/2.1).
    let r = rows.iter().find(|r| &r[col("ref")] == "3/I/2/2.1" && &r[col("plan_id")] == "2").unwrap();
    assert_eq!(&r[col("lead")], "Phòng Chuyển đổi số");
    assert_eq!(&r[col("deadline_raw")], "Quý I/2026");
    assert_eq!((&r[col("deadline_start")], &r[col("deadline_end")]), ("2026-01-01", "2026-03-31"));
    assert_eq!(&r[col("issuer")], "Sở Khoa học và Công nghệ");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn store_and_export_usage_errors() {
    let dir = temp_dir("usage");
    let o = kehoach().args(["ingest", "corpus/000-lo.pdf"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "--db is required");
    let o = kehoach().args(["export", "--format", "xml", "--db"]).arg(dir.join("x.db")).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = kehoach().args(["export", "--format", "csv", "--db"]).arg(dir.join("missing.db")).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.join("missing.db").exists(), "export never creates a store");
    // Not a store: a PDF given as --db is refused, not overwritten.
    let fake = dir.join("fake.db");
    std::fs::copy("corpus/000-lo.pdf", &fake).unwrap();
    let o = kehoach().args(["ingest", "corpus/000-lo.pdf", "--db"]).arg(&fake).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with(&format!("kehoach: {}: cannot open the store: ", fake.display())), "{}", stderr(&o));
    assert_eq!(std::fs::read(&fake).unwrap(), std::fs::read("corpus/000-lo.pdf").unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}
