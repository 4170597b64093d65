//! The feedback store: one trait, two implementations (SQLite, the default, and PostgreSQL), one schema.
//!
//! Owns durability: `insert` returns only once the row is committed (SQLite in WAL mode with
//! `synchronous = FULL`; PostgreSQL's default synchronous commit), so a 201 is never lost to a crash.
//! The same test suite runs on both (relay/tests/store.rs).

use std::future::Future;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{params, Connection, OptionalExtension};

/// Where an entry is in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pending,
    Approved,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Pending, Status::Approved, Status::Rejected];

    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }
}

impl std::str::FromStr for Status {
    type Err = ();

    fn from_str(s: &str) -> Result<Status, ()> {
        Status::ALL.into_iter().find(|st| st.as_str() == s).ok_or(())
    }
}

/// One submission, as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    pub id: String,
    /// Unix milliseconds.
    pub created_ms: i64,
    pub status: Status,
    pub article_id: String,
    pub article_url: String,
    /// The URL's match key (`news_widget::core::url::match_key`): what `GET /feedback?article=` looks up.
    pub article_key: String,
    pub article_title: String,
    pub name: String,
    pub email: String,
    pub message: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub client_ip: String,
}

/// A store failure (the database is unreachable, the disk is full, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "feedback store: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("sqlite: {e}"))
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        StoreError(format!("postgres: {e}"))
    }
}

/// What the relay needs of a feedback store.
pub trait Store: Send + Sync + 'static {
    /// Stores a new entry (its `status` is kept as given); returns once it is committed.
    fn insert(&self, e: Entry) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Approved entries of an article (by `article_key`), newest first.
    fn approved(
        &self,
        article_key: &str,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<Entry>, StoreError>> + Send;
    /// Entries in `status` (all when `None`), newest first.
    fn list(
        &self,
        status: Option<Status>,
        limit: usize,
    ) -> impl Future<Output = Result<Vec<Entry>, StoreError>> + Send;
    /// Moves an entry to `status`; false when there is no such entry.
    fn set_status(&self, id: &str, status: Status) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Deletes an entry; false when there is no such entry.
    fn delete(&self, id: &str) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// The entry with this id.
    fn get(&self, id: &str) -> impl Future<Output = Result<Option<Entry>, StoreError>> + Send;
}

const COLUMNS: &str = "id, created_ms, status, article_id, article_url, article_key, article_title, \
                       name, email, message, address, phone, client_ip";

fn limit_i64(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

fn status_of(s: &str) -> Status {
    s.parse().unwrap_or(Status::Pending)
}

// --- SQLite -------------------------------------------------------------------------------------------

/// SQLite in one file: WAL journal, `synchronous = FULL` (a commit is on disk before `insert` returns).
#[derive(Debug, Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

const SQLITE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS feedback (
  id TEXT PRIMARY KEY,
  created_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  article_id TEXT NOT NULL,
  article_url TEXT NOT NULL,
  article_key TEXT NOT NULL,
  article_title TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  message TEXT NOT NULL,
  address TEXT,
  phone TEXT,
  client_ip TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_article ON feedback (article_key, status, created_ms);
CREATE INDEX IF NOT EXISTS feedback_status ON feedback (status, created_ms);
";

fn sqlite_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        created_ms: r.get(1)?,
        status: status_of(&r.get::<_, String>(2)?),
        article_id: r.get(3)?,
        article_url: r.get(4)?,
        article_key: r.get(5)?,
        article_title: r.get(6)?,
        name: r.get(7)?,
        email: r.get(8)?,
        message: r.get(9)?,
        address: r.get(10)?,
        phone: r.get(11)?,
        client_ip: r.get(12)?,
    })
}

impl SqliteStore {
    /// Opens (creating when missing) the database file and its schema.
    ///
    /// # Errors
    /// When the file cannot be opened or written.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(SQLITE_SCHEMA)?;
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` on the connection in a blocking thread.
    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let guard = conn.lock().unwrap_or_else(PoisonError::into_inner);
            f(&guard)
        })
        .await
        .map_err(|e| StoreError(format!("sqlite task: {e}")))?
    }

    fn query(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Vec<Entry>, StoreError> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(args, sqlite_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

impl Store for SqliteStore {
    async fn insert(&self, e: Entry) -> Result<(), StoreError> {
        self.with(move |c| {
            c.execute(
                &format!("INSERT INTO feedback ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
                params![
                    e.id,
                    e.created_ms,
                    e.status.as_str(),
                    e.article_id,
                    e.article_url,
                    e.article_key,
                    e.article_title,
                    e.name,
                    e.email,
                    e.message,
                    e.address,
                    e.phone,
                    e.client_ip
                ],
            )?;
            Ok(())
        })
        .await
    }

    async fn approved(&self, article_key: &str, limit: usize) -> Result<Vec<Entry>, StoreError> {
        let key = article_key.to_owned();
        self.with(move |c| {
            Self::query(
                c,
                &format!(
                    "SELECT {COLUMNS} FROM feedback WHERE article_key = ?1 AND status = 'approved' \
                     ORDER BY created_ms DESC, id DESC LIMIT ?2"
                ),
                params![key, limit_i64(limit)],
            )
        })
        .await
    }

    async fn list(&self, status: Option<Status>, limit: usize) -> Result<Vec<Entry>, StoreError> {
        self.with(move |c| match status {
            Some(s) => Self::query(
                c,
                &format!(
                    "SELECT {COLUMNS} FROM feedback WHERE status = ?1 ORDER BY created_ms DESC, id DESC LIMIT ?2"
                ),
                params![s.as_str(), limit_i64(limit)],
            ),
            None => Self::query(
                c,
                &format!("SELECT {COLUMNS} FROM feedback ORDER BY created_ms DESC, id DESC LIMIT ?1"),
                params![limit_i64(limit)],
            ),
        })
        .await
    }

    async fn set_status(&self, id: &str, status: Status) -> Result<bool, StoreError> {
        let id = id.to_owned();
        self.with(move |c| {
            Ok(c.execute(
                "UPDATE feedback SET status = ?1 WHERE id = ?2",
                params![status.as_str(), id],
            )? > 0)
        })
        .await
    }

    async fn delete(&self, id: &str) -> Result<bool, StoreError> {
        let id = id.to_owned();
        self.with(move |c| Ok(c.execute("DELETE FROM feedback WHERE id = ?1", params![id])? > 0))
            .await
    }

    async fn get(&self, id: &str) -> Result<Option<Entry>, StoreError> {
        let id = id.to_owned();
        self.with(move |c| {
            Ok(c.query_row(
                &format!("SELECT {COLUMNS} FROM feedback WHERE id = ?1"),
                params![id],
                sqlite_row,
            )
            .optional()?)
        })
        .await
    }
}

// --- PostgreSQL ---------------------------------------------------------------------------------------

/// PostgreSQL through one pipelined connection, reopened when it drops. The connection string is a
/// libpq-style one (`host=/run/postgresql dbname=news user=relay` or `postgresql://…`); no TLS, so use a
/// Unix socket or a private network.
#[derive(Debug, Clone)]
pub struct PgStore {
    url: String,
    client: Arc<tokio::sync::Mutex<Option<Arc<tokio_postgres::Client>>>>,
}

const PG_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS feedback (
  id TEXT PRIMARY KEY,
  created_ms BIGINT NOT NULL,
  status TEXT NOT NULL,
  article_id TEXT NOT NULL,
  article_url TEXT NOT NULL,
  article_key TEXT NOT NULL,
  article_title TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  message TEXT NOT NULL,
  address TEXT,
  phone TEXT,
  client_ip TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_article ON feedback (article_key, status, created_ms);
CREATE INDEX IF NOT EXISTS feedback_status ON feedback (status, created_ms);
";

fn pg_row(r: &tokio_postgres::Row) -> Result<Entry, StoreError> {
    Ok(Entry {
        id: r.try_get(0)?,
        created_ms: r.try_get(1)?,
        status: status_of(r.try_get::<_, &str>(2)?),
        article_id: r.try_get(3)?,
        article_url: r.try_get(4)?,
        article_key: r.try_get(5)?,
        article_title: r.try_get(6)?,
        name: r.try_get(7)?,
        email: r.try_get(8)?,
        message: r.try_get(9)?,
        address: r.try_get(10)?,
        phone: r.try_get(11)?,
        client_ip: r.try_get(12)?,
    })
}

impl PgStore {
    /// Connects and creates the schema.
    ///
    /// # Errors
    /// When the server cannot be reached or refuses.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        let store = PgStore {
            url: url.to_owned(),
            client: Arc::new(tokio::sync::Mutex::new(None)),
        };
        store.client().await?.batch_execute(PG_SCHEMA).await?;
        Ok(store)
    }

    async fn client(&self) -> Result<Arc<tokio_postgres::Client>, StoreError> {
        let mut slot = self.client.lock().await;
        if let Some(c) = slot.as_ref().filter(|c| !c.is_closed()) {
            return Ok(Arc::clone(c));
        }
        let (client, connection) = tokio_postgres::connect(&self.url, tokio_postgres::NoTls).await?;
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                eprintln!("news-widget-relay: postgres connection: {e}");
            }
        });
        let client = Arc::new(client);
        *slot = Some(Arc::clone(&client));
        Ok(client)
    }

    fn rows(rows: &[tokio_postgres::Row]) -> Result<Vec<Entry>, StoreError> {
        rows.iter().map(pg_row).collect()
    }
}

impl Store for PgStore {
    async fn insert(&self, e: Entry) -> Result<(), StoreError> {
        let c = self.client().await?;
        c.execute(
            &format!(
                "INSERT INTO feedback ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
            ),
            &[
                &e.id,
                &e.created_ms,
                &e.status.as_str(),
                &e.article_id,
                &e.article_url,
                &e.article_key,
                &e.article_title,
                &e.name,
                &e.email,
                &e.message,
                &e.address,
                &e.phone,
                &e.client_ip,
            ],
        )
        .await?;
        Ok(())
    }

    async fn approved(&self, article_key: &str, limit: usize) -> Result<Vec<Entry>, StoreError> {
        let c = self.client().await?;
        let rows = c
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM feedback WHERE article_key = $1 AND status = 'approved' \
                     ORDER BY created_ms DESC, id DESC LIMIT $2"
                ),
                &[&article_key, &limit_i64(limit)],
            )
            .await?;
        Self::rows(&rows)
    }

    async fn list(&self, status: Option<Status>, limit: usize) -> Result<Vec<Entry>, StoreError> {
        let c = self.client().await?;
        let rows = match status {
            Some(s) => {
                c.query(
                    &format!(
                        "SELECT {COLUMNS} FROM feedback WHERE status = $1 ORDER BY created_ms DESC, id DESC LIMIT $2"
                    ),
                    &[&s.as_str(), &limit_i64(limit)],
                )
                .await?
            }
            None => {
                c.query(
                    &format!("SELECT {COLUMNS} FROM feedback ORDER BY created_ms DESC, id DESC LIMIT $1"),
                    &[&limit_i64(limit)],
                )
                .await?
            }
        };
        Self::rows(&rows)
    }

    async fn set_status(&self, id: &str, status: Status) -> Result<bool, StoreError> {
        let c = self.client().await?;
        let n = c
            .execute(
                "UPDATE feedback SET status = $1 WHERE id = $2",
                &[&status.as_str(), &id],
            )
            .await?;
        Ok(n > 0)
    }

    async fn delete(&self, id: &str) -> Result<bool, StoreError> {
        let c = self.client().await?;
        Ok(c.execute("DELETE FROM feedback WHERE id = $1", &[&id]).await? > 0)
    }

    async fn get(&self, id: &str) -> Result<Option<Entry>, StoreError> {
        let c = self.client().await?;
        let row = c
            .query_opt(&format!("SELECT {COLUMNS} FROM feedback WHERE id = $1"), &[&id])
            .await?;
        row.as_ref().map(pg_row).transpose()
    }
}

// --- Either -------------------------------------------------------------------------------------------

/// The store the configuration chose.
#[derive(Debug, Clone)]
pub enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl Store for AnyStore {
    async fn insert(&self, e: Entry) -> Result<(), StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.insert(e).await,
            AnyStore::Postgres(s) => s.insert(e).await,
        }
    }
    async fn approved(&self, article_key: &str, limit: usize) -> Result<Vec<Entry>, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.approved(article_key, limit).await,
            AnyStore::Postgres(s) => s.approved(article_key, limit).await,
        }
    }
    async fn list(&self, status: Option<Status>, limit: usize) -> Result<Vec<Entry>, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.list(status, limit).await,
            AnyStore::Postgres(s) => s.list(status, limit).await,
        }
    }
    async fn set_status(&self, id: &str, status: Status) -> Result<bool, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.set_status(id, status).await,
            AnyStore::Postgres(s) => s.set_status(id, status).await,
        }
    }
    async fn delete(&self, id: &str) -> Result<bool, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.delete(id).await,
            AnyStore::Postgres(s) => s.delete(id).await,
        }
    }
    async fn get(&self, id: &str) -> Result<Option<Entry>, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.get(id).await,
            AnyStore::Postgres(s) => s.get(id).await,
        }
    }
}
