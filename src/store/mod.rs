//! The embedded store behind `kehoach ingest` / `kehoach export` (and `diff --db`): one SQLite file.
//!
//! Every loaded document is one row of `versions` holding its whole `kehoach/1` JSON (so a version
//! reads back exactly as `extract` wrote it), spread out into `tasks`, `targets`, `task_units`,
//! `target_units`, `warnings` and the shared `units` registry for querying with the sqlite3 shell.
//! Versions of the same plan share a `plans` row (grouping rules: [`group`]). The schema is in
//! [`SCHEMA_SQL`] and documented in the README.
//!
//! Each document is written in one `BEGIN IMMEDIATE` transaction: a process killed mid-write leaves
//! no trace of that document (SQLite rolls the unfinished transaction back on the next open), and
//! the SHA-256 check inside the transaction makes loading idempotent even with two writers at once.

pub mod group;

use crate::model::{PlanDocument, Task, Target, Unit};
use crate::rules::fold;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA user_version` of a store with this schema.
pub const SCHEMA_VERSION: i64 = 1;

/// The store's tables (see README "The store").
pub const SCHEMA_SQL: &str = r#"
CREATE TABLE plans (
  id          INTEGER PRIMARY KEY,
  number      TEXT,               -- "03-KH/BCĐ"; NULL while every version leaves it blank
  number_key  TEXT,               -- number folded (case, diacritics) for matching
  issuer      TEXT,               -- canonical issuer name
  issuer_key  TEXT NOT NULL,      -- issuer folded; '' when unknown
  title       TEXT                -- the latest version's title
);
CREATE INDEX plans_issuer ON plans(issuer_key);
CREATE INDEX plans_number ON plans(number_key);

CREATE TABLE versions (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES plans(id),
  sha256        TEXT NOT NULL UNIQUE,   -- of the PDF's bytes: the idempotency key
  file          TEXT NOT NULL,          -- source.file (the file name)
  path          TEXT NOT NULL,          -- the path it was loaded from
  kind          TEXT,
  number        TEXT,
  issuer        TEXT,
  title         TEXT,
  issued_on     TEXT,                   -- ISO date or NULL
  pages         INTEGER,
  text_layer    TEXT,
  producer      TEXT,
  task_count    INTEGER NOT NULL,
  target_count  INTEGER NOT NULL,
  warning_count INTEGER NOT NULL,
  loaded_at     TEXT NOT NULL,          -- UTC, ISO 8601
  json          TEXT NOT NULL           -- the whole kehoach/1 document
);
CREATE INDEX versions_plan ON versions(plan_id);

CREATE TABLE units (
  id          TEXT PRIMARY KEY,       -- SCHEMA.md unit id
  name        TEXT NOT NULL,
  collective  INTEGER NOT NULL,
  parent      TEXT
);

CREATE TABLE tasks (
  id                  INTEGER PRIMARY KEY,
  version_id          INTEGER NOT NULL REFERENCES versions(id),
  ord                 INTEGER NOT NULL,   -- 0-based position in the document's tasks
  ref                 TEXT NOT NULL,
  tbl                 INTEGER NOT NULL,   -- the task's "table"
  section_code        TEXT,
  section_title       TEXT,
  group_code          TEXT,
  group_title         TEXT,
  code                TEXT,
  title               TEXT,
  output              TEXT,
  kpi                 TEXT,
  deadline_raw        TEXT,
  deadline_kind       TEXT,
  deadline_start      TEXT,
  deadline_end        TEXT,
  deadline_recurrence TEXT,
  deadline_status     TEXT,
  deadline_note       TEXT,
  note                TEXT,
  pages               TEXT,               -- "12,13"
  UNIQUE (version_id, ord)
);
CREATE INDEX tasks_ref ON tasks(version_id, ref);

CREATE TABLE task_units (
  task_id  INTEGER NOT NULL REFERENCES tasks(id),
  role     TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  pos      INTEGER NOT NULL,             -- order within the cell
  unit_id  TEXT REFERENCES units(id),    -- NULL for a unit the registry does not know
  raw      TEXT NOT NULL,
  name     TEXT NOT NULL,
  PRIMARY KEY (task_id, role, pos)
);
CREATE INDEX task_units_unit ON task_units(unit_id);

CREATE TABLE targets (
  id               INTEGER PRIMARY KEY,
  version_id       INTEGER NOT NULL REFERENCES versions(id),
  ord              INTEGER NOT NULL,
  ref              TEXT NOT NULL,
  tbl              INTEGER NOT NULL,
  section_code     TEXT,
  section_title    TEXT,
  code             TEXT,
  content          TEXT,
  unit_of_measure  TEXT,
  target_raw       TEXT,
  target_op        TEXT,
  target_value     REAL,
  target_max       REAL,
  target_unit      TEXT,
  note             TEXT,
  pages            TEXT,
  UNIQUE (version_id, ord)
);

CREATE TABLE target_units (
  target_id  INTEGER NOT NULL REFERENCES targets(id),
  pos        INTEGER NOT NULL,
  unit_id    TEXT REFERENCES units(id),
  raw        TEXT NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (target_id, pos)
);

CREATE TABLE warnings (
  version_id  INTEGER NOT NULL REFERENCES versions(id),
  pos         INTEGER NOT NULL,
  code        TEXT NOT NULL,
  message     TEXT NOT NULL,
  page        INTEGER,
  ref         TEXT,
  PRIMARY KEY (version_id, pos)
);
"#;

/// Versions of a plan in order: undated versions (drafts) before dated ones, dated ones by issue
/// date, ties by load order. The last is the plan's latest version.
const VERSION_ORDER: &str = "(v.issued_on IS NOT NULL), v.issued_on, v.id";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

fn other(s: impl Into<String>) -> StoreError {
    StoreError::Other(s.into())
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanInfo {
    pub id: i64,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    pub versions: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VersionInfo {
    /// The version's row id (stable; `load_document` takes it).
    pub id: i64,
    pub plan_id: i64,
    /// 1-based position among the plan's versions ([`VERSION_ORDER`]); the highest is the latest.
    pub version: u32,
    pub sha256: String,
    pub file: String,
    pub path: String,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    pub issued_on: Option<String>,
    pub loaded_at: String,
    pub tasks: u32,
    pub targets: u32,
    pub warnings: u32,
}

/// What `add_document` did.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    Loaded { version_id: i64, plan_id: i64, new_plan: bool },
    /// A version with the same SHA-256 was already in the store; nothing was written.
    AlreadyLoaded { version_id: i64, plan_id: i64 },
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Test hook: sleep this long inside each document's transaction, half-way through its tasks, so
    /// that a test can kill the process with a document half-written (tests/ingest.rs).
    pub pause_in_transaction: Option<Duration>,
}

impl Store {
    /// Opens (creating when missing) a store file.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(60))?;
        // WAL: readers (export, a test watching) never block the writer; a killed writer's
        // unfinished transaction is simply not in the log. NORMAL sync is durable against a killed
        // process (only a power cut may lose the last commits, never consistency).
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(other(format!("cannot use write-ahead logging (journal mode {mode})")));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut store = Store { conn, path: path.to_path_buf(), pause_in_transaction: None };
        store.init()?;
        Ok(store)
    }

    /// Opens an existing store for reading (export, diff, a test watching an ingest): never creates
    /// the file, never takes the write lock.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(other("no such store (run `kehoach ingest` first)"));
        }
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(Duration::from_secs(60))?;
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if v != SCHEMA_VERSION {
            return Err(other(if v == 0 {
                "not a kehoach store".to_string()
            } else {
                format!("store schema version {v}, this kehoach reads version {SCHEMA_VERSION}")
            }));
        }
        Ok(Store { conn, path: path.to_path_buf(), pause_in_transaction: None })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn init(&mut self) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if v == 0 {
            let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(other("not a kehoach store (an SQLite file with other tables)"));
            }
            tx.execute_batch(SCHEMA_SQL)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        } else if v != SCHEMA_VERSION {
            return Err(other(format!("store schema version {v}, this kehoach reads version {SCHEMA_VERSION}")));
        }
        tx.commit()?;
        Ok(())
    }

    /// The SHA-256 of every loaded version.
    pub fn known_sha256(&self) -> Result<std::collections::HashSet<String>> {
        let mut st = self.conn.prepare("SELECT sha256 FROM versions")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Loads one document (its `source.sha256` is the key) in one transaction. `path` is where it
    /// was read from.
    pub fn add_document(&mut self, doc: &PlanDocument, path: &str) -> Result<Added> {
        let source = doc.source.as_ref().ok_or_else(|| other("the document has no source (sha256)"))?;
        let json = serde_json::to_string(doc).map_err(|e| other(e.to_string()))?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some((version_id, plan_id)) = tx
            .query_row("SELECT id, plan_id FROM versions WHERE sha256 = ?1", [&source.sha256], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
        {
            return Ok(Added::AlreadyLoaded { version_id, plan_id });
        }
        let (plan_id, new_plan) = assign_plan(&tx, doc)?;
        let p = &doc.plan;
        tx.execute(
            "INSERT INTO versions (plan_id, sha256, file, path, kind, number, issuer, title, issued_on, pages, text_layer,
                                   producer, task_count, target_count, warning_count, loaded_at, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                     strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?16)",
            params![
                plan_id,
                source.sha256,
                source.file,
                path,
                p.kind,
                p.number,
                p.issuer,
                p.title,
                p.issued_on,
                source.pages,
                source.text_layer,
                source.producer,
                doc.tasks.len() as i64,
                doc.targets.len() as i64,
                doc.warnings.len() as i64,
                json
            ],
        )?;
        let version_id = tx.last_insert_rowid();
        for (i, t) in doc.tasks.iter().enumerate() {
            if i == doc.tasks.len() / 2 {
                if let Some(d) = self.pause_in_transaction {
                    std::thread::sleep(d);
                }
            }
            insert_task(&tx, version_id, i, t)?;
        }
        for (i, t) in doc.targets.iter().enumerate() {
            insert_target(&tx, version_id, i, t)?;
        }
        {
            let mut st = tx.prepare_cached("INSERT INTO warnings (version_id, pos, code, message, page, ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
            for (i, w) in doc.warnings.iter().enumerate() {
                st.execute(params![version_id, i as i64, w.code, w.message, w.page, w.reference])?;
            }
        }
        // The plan row follows its latest version (title; number once one is known).
        tx.execute(
            &format!(
                "UPDATE plans SET title = (SELECT v.title FROM versions v WHERE v.plan_id = ?1
                                           ORDER BY {} DESC LIMIT 1)
                 WHERE id = ?1",
                VERSION_ORDER.replace(", ", " DESC, ")
            ),
            [plan_id],
        )?;
        if let Some(n) = &p.number {
            tx.execute("UPDATE plans SET number = ?2, number_key = ?3 WHERE id = ?1 AND number IS NULL", params![plan_id, n, fold(n)])?;
        }
        tx.commit()?;
        Ok(Added::Loaded { version_id, plan_id, new_plan })
    }

    /// Every plan, by id.
    pub fn plans(&self) -> Result<Vec<PlanInfo>> {
        let mut st = self.conn.prepare(
            "SELECT p.id, p.number, p.issuer, p.title, (SELECT count(*) FROM versions v WHERE v.plan_id = p.id)
             FROM plans p ORDER BY p.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(PlanInfo { id: r.get(0)?, number: r.get(1)?, issuer: r.get(2)?, title: r.get(3)?, versions: r.get(4)? })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The plans a key names: `#ID` or `ID` (the plan's id), else a plan number compared without
    /// case and diacritics ("03-KH/BCD" finds "03-KH/BCĐ"; several plans when issuers share a number).
    pub fn find_plans(&self, key: &str) -> Result<Vec<i64>> {
        let k = key.trim();
        let id_part = k.strip_prefix('#').unwrap_or(k);
        if !id_part.is_empty() && id_part.chars().all(|c| c.is_ascii_digit()) {
            let id: i64 = id_part.parse().map_err(|_| other(format!("bad plan id {k}")))?;
            let found: Option<i64> = self.conn.query_row("SELECT id FROM plans WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            return Ok(found.into_iter().collect());
        }
        let mut st = self.conn.prepare("SELECT id FROM plans WHERE number_key = ?1 ORDER BY id")?;
        let rows = st.query_map([fold(k)], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The versions of the one plan `plan_key` names ([`Store::find_plans`]), oldest first.
    pub fn versions(&self, plan_key: &str) -> Result<Vec<VersionInfo>> {
        let ids = self.find_plans(plan_key)?;
        match ids.as_slice() {
            [] => Err(other(format!("no plan {plan_key} in the store"))),
            [id] => self.plan_versions(*id),
            _ => Err(other(format!(
                "{} plans are numbered {plan_key} (ids {}): name one as #ID",
                ids.len(),
                ids.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", ")
            ))),
        }
    }

    /// The versions of plan `plan_id`, oldest first.
    pub fn plan_versions(&self, plan_id: i64) -> Result<Vec<VersionInfo>> {
        self.query_versions("WHERE v.plan_id = ?1", Some(plan_id))
    }

    /// Every version of every plan, by plan id, oldest version first.
    pub fn all_versions(&self) -> Result<Vec<VersionInfo>> {
        self.query_versions("", None)
    }

    fn query_versions(&self, filter: &str, plan_id: Option<i64>) -> Result<Vec<VersionInfo>> {
        let sql = format!(
            "SELECT v.id, v.plan_id, ROW_NUMBER() OVER (PARTITION BY v.plan_id ORDER BY {VERSION_ORDER}), v.sha256, v.file,
                    v.path, v.number, v.issuer, v.title, v.issued_on, v.loaded_at, v.task_count, v.target_count, v.warning_count
             FROM versions v {filter} ORDER BY v.plan_id, {VERSION_ORDER}"
        );
        let mut st = self.conn.prepare(&sql)?;
        let map = |r: &rusqlite::Row| {
            Ok(VersionInfo {
                id: r.get(0)?,
                plan_id: r.get(1)?,
                version: r.get(2)?,
                sha256: r.get(3)?,
                file: r.get(4)?,
                path: r.get(5)?,
                number: r.get(6)?,
                issuer: r.get(7)?,
                title: r.get(8)?,
                issued_on: r.get(9)?,
                loaded_at: r.get(10)?,
                tasks: r.get(11)?,
                targets: r.get(12)?,
                warnings: r.get(13)?,
            })
        };
        let rows = match plan_id {
            Some(id) => st.query_map([id], map)?.collect::<std::result::Result<Vec<_>, _>>()?,
            None => st.query_map([], map)?.collect::<std::result::Result<Vec<_>, _>>()?,
        };
        Ok(rows)
    }

    /// The `kehoach/1` JSON of a version, exactly as it was loaded.
    pub fn load_json(&self, version_id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT json FROM versions WHERE id = ?1", [version_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| other(format!("no version {version_id} in the store")))
    }

    /// The plan document of a version.
    pub fn load_document(&self, version_id: i64) -> Result<PlanDocument> {
        let json = self.load_json(version_id)?;
        serde_json::from_str(&json).map_err(|e| other(format!("version {version_id}: stored JSON does not parse: {e}")))
    }

    /// The connection, for queries the API does not cover (tests, tools).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// The plan a new document belongs to, creating it when there is none (see [`group`]).
fn assign_plan(tx: &Transaction, doc: &PlanDocument) -> Result<(i64, bool)> {
    let p = &doc.plan;
    let issuer_key = p.issuer.as_deref().map(fold).unwrap_or_default();
    let number_key = p.number.as_deref().map(fold);
    if let Some(nk) = &number_key {
        let found: Option<i64> = tx
            .query_row("SELECT id FROM plans WHERE issuer_key = ?1 AND number_key = ?2 ORDER BY id LIMIT 1", params![issuer_key, nk], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok((id, false));
        }
    }
    // By title: the closest version title among the issuer's plans (only number-less plans when
    // this document has a number: a numbered plan with another number is another plan).
    if let Some(title) = &p.title {
        let sql = format!(
            "SELECT v.plan_id, v.title FROM versions v JOIN plans p ON p.id = v.plan_id
             WHERE p.issuer_key = ?1 AND v.title IS NOT NULL {} ORDER BY v.id",
            if number_key.is_some() { "AND p.number_key IS NULL" } else { "" }
        );
        let mut st = tx.prepare(&sql)?;
        let rows = st.query_map([&issuer_key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut best: Option<(f64, i64)> = None;
        for row in rows {
            let (plan_id, other_title) = row?;
            if let Some(s) = group::title_similarity(title, &other_title) {
                if s >= group::TITLE_THRESHOLD && best.map(|(b, _)| s > b).unwrap_or(true) {
                    best = Some((s, plan_id));
                }
            }
        }
        if let Some((_, id)) = best {
            return Ok((id, false));
        }
    }
    tx.execute(
        "INSERT INTO plans (number, number_key, issuer, issuer_key, title) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![p.number, number_key, p.issuer, issuer_key, p.title],
    )?;
    Ok((tx.last_insert_rowid(), true))
}

fn pages(p: &[u32]) -> Option<String> {
    if p.is_empty() {
        None
    } else {
        Some(p.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(","))
    }
}

fn insert_unit(tx: &Transaction, u: &Unit) -> Result<()> {
    if let Some(id) = &u.id {
        tx.prepare_cached("INSERT INTO units (id, name, collective, parent) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO NOTHING")?
            .execute(params![id, u.name, u.collective, u.parent])?;
    }
    Ok(())
}

fn insert_task(tx: &Transaction, version_id: i64, ord: usize, t: &Task) -> Result<()> {
    let d = t.deadline.as_ref();
    tx.prepare_cached(
        "INSERT INTO tasks (version_id, ord, ref, tbl, section_code, section_title, group_code, group_title, code, title,
                            output, kpi, deadline_raw, deadline_kind, deadline_start, deadline_end, deadline_recurrence,
                            deadline_status, deadline_note, note, pages)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?
    .execute(params![
        version_id,
        ord as i64,
        t.reference,
        t.table,
        t.section.as_ref().and_then(|s| s.code.clone()),
        t.section.as_ref().map(|s| s.title.clone()),
        t.group.as_ref().and_then(|s| s.code.clone()),
        t.group.as_ref().map(|s| s.title.clone()),
        t.code,
        t.title,
        t.output,
        t.kpi,
        d.map(|d| d.raw.clone()),
        d.map(|d| d.kind.clone()),
        d.and_then(|d| d.start.clone()),
        d.and_then(|d| d.end.clone()),
        d.and_then(|d| d.recurrence.clone()),
        d.and_then(|d| d.status.clone()),
        d.and_then(|d| d.note.clone()),
        t.note,
        pages(&t.pages),
    ])?;
    let task_id = tx.last_insert_rowid();
    for (role, units) in [("lead", &t.lead), ("support", &t.support)] {
        for (pos, u) in units.iter().enumerate() {
            insert_unit(tx, u)?;
            tx.prepare_cached("INSERT INTO task_units (task_id, role, pos, unit_id, raw, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
                .execute(params![task_id, role, pos as i64, u.id, u.raw, u.name])?;
        }
    }
    Ok(())
}

fn insert_target(tx: &Transaction, version_id: i64, ord: usize, t: &Target) -> Result<()> {
    let v = t.target.as_ref();
    tx.prepare_cached(
        "INSERT INTO targets (version_id, ord, ref, tbl, section_code, section_title, code, content, unit_of_measure,
                              target_raw, target_op, target_value, target_max, target_unit, note, pages)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        version_id,
        ord as i64,
        t.reference,
        t.table,
        t.section.as_ref().and_then(|s| s.code.clone()),
        t.section.as_ref().map(|s| s.title.clone()),
        t.code,
        t.content,
        t.unit_of_measure,
        v.map(|v| v.raw.clone()),
        v.map(|v| v.op.clone()),
        v.and_then(|v| v.value),
        v.and_then(|v| v.max),
        v.and_then(|v| v.unit.clone()),
        t.note,
        pages(&t.pages),
    ])?;
    let target_id = tx.last_insert_rowid();
    for (pos, u) in t.lead.iter().enumerate() {
        insert_unit(tx, u)?;
        tx.prepare_cached("INSERT INTO target_units (target_id, pos, unit_id, raw, name) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![target_id, pos as i64, u.id, u.raw, u.name])?;
    }
    Ok(())
}
