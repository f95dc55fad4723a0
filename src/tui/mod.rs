//! The wizard: the article's steps in the terminal, with live lookups.
//!
//! Shape: draw, then wait for one message (a key, a lookup's progress, a
//! tick while something moves, a signal), update the state, run the effects.
//! Nothing redraws while nothing happens.

pub mod export;
pub mod keys;
pub mod list;
pub mod state;
pub mod theme;
pub mod view;

use std::io;
use std::sync::Arc;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, EventStream};
use futures::StreamExt;
use tokio::sync::mpsc;

use crate::fix::api::Api;
use crate::gather::dns::Dns;
use crate::gather::{self, Plan};
use crate::judge::diagnosis::Diagnosis;
use state::{App, Effect, Msg};
use theme::Theme;

/// What the wizard's background work uses: the resolver, the plan of
/// lookups, and the CDN's API when a token was given.
#[derive(Clone)]
pub struct Backend {
    pub dns: Arc<Dns>,
    pub plan: Plan,
    pub api: Option<Arc<Api>>,
}

/// Runs the wizard until the user quits; the terminal is restored on every
/// way out, a panic included (ratatui's hook).
pub async fn run(mut app: App, first: Vec<Effect>, backend: Backend) -> io::Result<()> {
    app.api_ready = backend.api.is_some();
    let mut terminal = ratatui::try_init()?;
    // A paste then arrives as one event, not as keys that could act.
    let result = match crossterm::execute!(io::stdout(), EnableBracketedPaste) {
        Ok(()) => event_loop(&mut terminal, app, first, backend).await,
        Err(e) => Err(e),
    };
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    mut app: App,
    first: Vec<Effect>,
    backend: Backend,
) -> io::Result<()> {
    let theme = Theme::from_env();
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut events = EventStream::new();
    let mut sigterm = signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut sighup = signal(tokio::signal::unix::SignalKind::hangup())?;
    let mut sigquit = signal(tokio::signal::unix::SignalKind::quit())?;
    let mut size = terminal.size()?;
    let mut effects = first;
    loop {
        for effect in std::mem::take(&mut effects) {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Diagnose { target, generation } => {
                    start_diagnosis(&backend, &app, target, generation, tx.clone());
                }
                Effect::DiagnoseList(targets) => {
                    start_list(&backend.dns, &backend.plan, &app, targets, tx.clone());
                }
                Effect::ApplyFix(plan) => {
                    if let Some(api) = backend.api.clone() {
                        let tx = tx.clone();
                        tokio::spawn(async move {
                            let applied = crate::fix::apply(&api, &plan).await;
                            let _ = tx.send(Msg::FixApplied(applied));
                        });
                    }
                }
                Effect::Export => {
                    let result = export::export(&app);
                    if let Ok((_, text)) = &result {
                        export::copy_to_clipboard(text);
                    }
                    // Recording the outcome starts nothing else.
                    let _ = app.update(Msg::Exported(result.map(|(p, _)| p)));
                }
            }
        }
        terminal.draw(|f| view::draw(f, &app, &theme))?;
        let tick = app.tick_every();
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Paste(text))) => Msg::Paste(text),
                Some(Ok(Event::Resize(width, height))) => {
                    // Screen buffers keep their largest size: after a shrink,
                    // new ones give the memory back.
                    if u32::from(width) * u32::from(height)
                        < u32::from(size.width) * u32::from(size.height)
                    {
                        *terminal = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(
                            io::stdout(),
                        ))?;
                        // The new terminal knows nothing of what is on screen.
                        terminal.clear()?;
                    }
                    size = ratatui::layout::Size::new(width, height);
                    continue;
                }
                // Anything else: just draw again.
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err(e),
                None => return Ok(()),
            },
            Some(msg) = rx.recv() => msg,
            () = tokio::time::sleep(tick.unwrap_or_default()), if tick.is_some() => Msg::Tick,
            _ = sigterm.recv() => return Ok(()),
            _ = sighup.recv() => return Ok(()),
            _ = sigquit.recv() => return Ok(()),
            _ = tokio::signal::ctrl_c() => return Ok(()),
        };
        effects = app.update(msg);
    }
}

fn signal(kind: tokio::signal::unix::SignalKind) -> io::Result<tokio::signal::unix::Signal> {
    tokio::signal::unix::signal(kind)
}

/// Domains of a list checked at once: the screen wants rows filling in
/// steadily, not a flood that starves the wizard's own lookups.
const LIST_JOBS: usize = 8;

fn start_list(
    dns: &Arc<Dns>,
    plan: &Plan,
    app: &App,
    targets: Vec<(usize, crate::model::target::Target)>,
    tx: mpsc::UnboundedSender<Msg>,
) {
    let dns = dns.clone();
    let plan = plan.clone();
    let brand = app.brand.clone();
    let providers = app.providers.clone();
    tokio::spawn(async move {
        let runs = futures::stream::iter(targets).map(|(index, target)| {
            let (dns, plan, brand, providers) = (dns.clone(), &plan, &brand, &providers);
            async move {
                let evidence = gather::gather(dns, &target, plan, brand, None).await;
                let d = Diagnosis::new(evidence, brand, providers);
                (index, d.steps.iter().map(|s| s.state).collect::<Vec<_>>())
            }
        });
        let mut done = runs.buffer_unordered(LIST_JOBS);
        while let Some((index, states)) = done.next().await {
            if tx.send(Msg::Listed(index, states)).is_err() {
                return;
            }
        }
    });
}

fn start_diagnosis(
    backend: &Backend,
    app: &App,
    target: crate::model::target::Target,
    generation: u64,
    tx: mpsc::UnboundedSender<Msg>,
) {
    let Backend { dns, plan, api } = backend.clone();
    let brand = app.brand.clone();
    let providers = app.providers.clone();
    tokio::spawn(async move {
        let (progress, mut incoming) = mpsc::unbounded_channel();
        let forward = {
            let tx = tx.clone();
            tokio::spawn(async move {
                while let Some(p) = incoming.recv().await {
                    let _ = tx.send(Msg::Progress(generation, p));
                }
            })
        };
        let mut evidence = gather::gather(dns, &target, &plan, &brand, Some(progress)).await;
        if let Some(api) = &api {
            evidence.cdn = Some(crate::fix::read_view(api, &evidence).await);
        }
        let d = Diagnosis::new(evidence, &brand, &providers);
        // Every progress message goes out before the result.
        let _ = forward.await;
        let _ = tx.send(Msg::Finished(generation, Box::new(d)));
    });
}
