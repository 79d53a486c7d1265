//! `serve`: a SPARQL 1.1 Protocol endpoint over the store and the embedded
//! web page (SPARQL editor, governance view, person, body and meeting pages).
//!
//! Architecture invariant: the store is opened once; queries go through
//! [`crate::query::prepare`] and [`crate::query::evaluate_with`] (predeclared
//! prefixes, union default graph) on blocking threads under a time limit;
//! nothing writes to the store unless the server was started with
//! `allow_update`. No request can crash the server: every failure is an
//! HTTP status with a message.

pub mod assets;
pub mod protocol;

use anyhow::{Context, Result};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::sparql::{CancellationToken, SparqlEvaluator};
use oxigraph::store::Store;
use protocol::{Kind, Problem, Request};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The default address: loopback only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:7878";

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub store: PathBuf,
    pub listen: SocketAddr,
    /// Accept SPARQL updates (otherwise they get 403).
    pub allow_update: bool,
    /// Per-request time limit for queries.
    pub timeout: Duration,
    /// Most solutions (or triples) one response may hold.
    pub max_rows: usize,
    /// Largest request body accepted.
    pub max_body: usize,
    /// Origins allowed by CORS (`*` for any); empty: no CORS headers.
    pub cors: Vec<String>,
}

struct AppState {
    store: Store,
    config: Config,
    /// Evaluations running at once. A permit is held until the evaluation
    /// really ends: oxigraph checks the cancellation token only when it
    /// reads the store, so a query computing in memory (a large cartesian
    /// product) runs on past its time limit; such runaways cannot pile up.
    running: Arc<tokio::sync::Semaphore>,
}

type Shared = Arc<AppState>;

/// Opens the store, binds `config.listen`, calls `on_bound` with the bound
/// address (the port may have been 0), and serves until Ctrl-C.
pub fn run(config: Config, on_bound: impl FnOnce(SocketAddr)) -> Result<()> {
    let store = crate::store::open_existing(&config.store)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("cannot listen on {}", config.listen))?;
        let bound = listener.local_addr()?;
        on_bound(bound);
        let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
        let running = Arc::new(tokio::sync::Semaphore::new((2 * parallel).max(4)));
        let app = router(Arc::new(AppState { store, config, running }));
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("server error")
    });
    // A query still computing past its time limit must not hold up Ctrl-C.
    runtime.shutdown_timeout(Duration::from_secs(1));
    served
}

fn router(state: Shared) -> Router {
    let page = || get(index);
    let mut app = Router::new()
        .route("/", page())
        .route("/person", page())
        .route("/body", page())
        .route("/meeting", page())
        .route("/resource", page())
        .route("/governance", page())
        .route("/people", page())
        .route("/bodies", page())
        .route("/meetings", page())
        .route("/why", page())
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", assets::APP_JS) }),
        )
        .route(
            "/assets/style.css",
            get(|| async { asset("text/css; charset=utf-8", assets::STYLE_CSS) }),
        )
        .route("/api/queries", get(api_queries))
        .route("/api/why", get(api_why))
        .route("/query", get(sparql_get).post(sparql_post))
        .route("/sparql", get(sparql_get).post(sparql_post))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(state.config.max_body))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            problem(Problem::new(500, "internal error while handling the request"))
        }));
    if !state.config.cors.is_empty() {
        use tower_http::cors::{AllowOrigin, CorsLayer};
        let origins = if state.config.cors.iter().any(|o| o == "*") {
            AllowOrigin::any()
        } else {
            AllowOrigin::list(state.config.cors.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
        };
        app = app.layer(
            CorsLayer::new()
                .allow_origin(origins)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE, header::ACCEPT]),
        );
    }
    app.with_state(state)
}

fn problem(p: Problem) -> Response {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut message = p.message;
    message.push('\n');
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response()
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn index() -> Response {
    asset("text/html; charset=utf-8", assets::INDEX_HTML)
}

async fn not_found(uri: Uri) -> Response {
    problem(Problem::new(404, format!("not found: {}", uri.path())))
}

async fn api_queries() -> Response {
    axum::Json(assets::named_queries()).into_response()
}

/// Cancels the evaluation it guards when dropped: on timeout, and when the
/// client goes away while its query runs.
struct CancelOnDrop(CancellationToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Runs `work` on a blocking thread under the configured time limit.
async fn blocking<T: Send + 'static>(
    state: &Shared,
    work: impl FnOnce(&Store, CancellationToken) -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let token = CancellationToken::new();
    let _guard = CancelOnDrop(token.clone());
    let store = state.store.clone();
    let limit = state.config.timeout;
    let running = state.running.clone();
    let evaluation = async move {
        let permit = running
            .acquire_owned()
            .await
            .map_err(|_| Problem::new(503, "the server is shutting down"))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(&store, token)
        })
        .await
        .map_err(|join| {
            Problem::new(
                500,
                if join.is_panic() {
                    "internal error while evaluating the query".to_string()
                } else {
                    format!("evaluation stopped: {join}")
                },
            )
        })?
    };
    match tokio::time::timeout(limit, evaluation).await {
        Err(_) => Err(Problem::new(
            503,
            format!(
                "query timed out after {} s (the server's --timeout); narrow the query or add a LIMIT",
                limit.as_secs_f64()
            ),
        )),
        Ok(result) => result,
    }
}

async fn api_why(State(state): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let iri = raw.as_deref().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "iri")
            .map(|(_, v)| v.into_owned())
    });
    let Some(iri) = iri else {
        return problem(Problem::new(400, "missing parameter: /api/why?iri=IRI"));
    };
    if oxigraph::model::NamedNode::new(&iri).is_err() {
        return problem(Problem::new(400, format!("not an IRI: {iri:?}")));
    }
    match blocking(&state, move |store, _| {
        crate::why::why(store, &iri).map_err(|e| Problem::new(500, format!("{e:#}")))
    })
    .await
    {
        Ok(list) => axum::Json(list).into_response(),
        Err(p) => problem(p),
    }
}

async fn sparql_get(State(state): State<Shared>, RawQuery(raw): RawQuery, headers: HeaderMap) -> Response {
    let mut request = Request::default();
    if let Err(p) = request.add_form(raw.unwrap_or_default().as_bytes()) {
        return problem(p);
    }
    if request.update.is_some() && request.query.is_none() {
        return problem(if state.config.allow_update {
            Problem::new(400, "SPARQL updates must be POSTed")
        } else {
            read_only()
        });
    }
    answer(state, request, &headers, false).await
}

async fn sparql_post(
    State(state): State<Shared>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return problem(Problem::new(
                413,
                format!(
                    "request body larger than {} bytes (the server's --max-body)",
                    state.config.max_body
                ),
            ))
        }
        Err(rejection) => return problem(Problem::new(rejection.status().as_u16(), rejection.body_text())),
    };
    let mut request = Request::default();
    if let Err(p) = request.add_form(raw.unwrap_or_default().as_bytes()) {
        return problem(p);
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let text = || String::from_utf8(body.to_vec()).map_err(|_| Problem::new(400, "the request body is not UTF-8"));
    let result = match content_type.as_str() {
        "application/x-www-form-urlencoded" => request.add_form(&body),
        "application/sparql-query" => text().and_then(|t| {
            if request.query.is_some() {
                Err(Problem::new(400, "a query both in the URL and in the body"))
            } else {
                request.query = Some(t);
                Ok(())
            }
        }),
        "application/sparql-update" => text().map(|t| request.update = Some(t)),
        other => Err(Problem::new(
            415,
            format!(
                "unsupported Content-Type {other:?}: POST application/x-www-form-urlencoded \
                 (query=…), application/sparql-query or application/sparql-update"
            ),
        )),
    };
    if let Err(p) = result {
        return problem(p);
    }
    answer(state, request, &headers, true).await
}

fn read_only() -> Problem {
    Problem::new(
        403,
        "SPARQL updates are refused: this server is read-only (start it with --allow-update to accept them)",
    )
}

async fn answer(state: Shared, request: Request, headers: &HeaderMap, posted: bool) -> Response {
    match (&request.query, &request.update) {
        (Some(_), Some(_)) => problem(Problem::new(400, "give either `query` or `update`, not both")),
        (None, None) => problem(Problem::new(
            400,
            "missing `query` parameter (SPARQL 1.1 Protocol: GET ?query=…, or POST a form or application/sparql-query)",
        )),
        (None, Some(update)) => {
            if !state.config.allow_update {
                return problem(read_only());
            }
            if !posted {
                return problem(Problem::new(400, "SPARQL updates must be POSTed"));
            }
            let update = match protocol::parse_update(update) {
                Ok(u) => u,
                Err(p) => return problem(p),
            };
            match blocking(&state, move |store, _| {
                SparqlEvaluator::new()
                    .for_update(update)
                    .on_store(store)
                    .execute()
                    .map_err(|e| Problem::new(500, format!("update failed: {e}")))
            })
            .await
            {
                Ok(()) => StatusCode::NO_CONTENT.into_response(),
                Err(p) => problem(p),
            }
        }
        (Some(text), None) => {
            let query = match protocol::parse(&request, text) {
                Ok(q) => q,
                Err(p) if p.status == 403 && state.config.allow_update => {
                    return problem(Problem::new(
                        400,
                        p.message
                            .replace(" (refused unless the server runs with --allow-update)", ""),
                    ))
                }
                Err(p) => return problem(p),
            };
            let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
            let format = match protocol::negotiate(Kind::of(&query), accept, request.format.as_deref()) {
                Ok(f) => f,
                Err(p) => return problem(p),
            };
            let max_rows = state.config.max_rows;
            match blocking(&state, move |store, token| {
                protocol::execute(store, query, format, max_rows, token)
            })
            .await
            {
                Ok(body) => (
                    [
                        (header::CONTENT_TYPE, format.content_type()),
                        (header::VARY, "Accept".to_string()),
                    ],
                    body,
                )
                    .into_response(),
                Err(p) => problem(p),
            }
        }
    }
}
