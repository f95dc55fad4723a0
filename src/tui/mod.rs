//! The wizard: the article's steps in the terminal, with live lookups.
//!
//! Shape: draw, then wait for one message (a key, a lookup's progress, a
//! tick while something moves, a signal), update the state, run the effects.
//! Nothing redraws while nothing happens.

pub(crate) mod export;
pub(crate) mod keys;
pub(crate) mod list;
pub(crate) mod state;
pub(crate) mod theme;
pub(crate) mod view;

use std::io;
use std::sync::Arc;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    EventStream,
};
use futures::StreamExt;
use tokio::sync::mpsc;

use crate::diagnose::Checker;
use state::{App, Effect, Msg};
use theme::Theme;

/// Runs the wizard until the user quits; the terminal is restored on every
/// way out, a panic included (ratatui's hook). The app comes back, so that
/// what it did (a fix made) can be said once the screen is gone.
/// How the wizard looks and what it takes from the terminal.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Look {
    pub theme: Theme,
    /// The wheel and clicks are the wizard's; without, the terminal keeps
    /// the mouse (to select text).
    pub mouse: bool,
}

pub(crate) async fn run(
    mut app: App,
    first: Vec<Effect>,
    checker: Arc<Checker>,
    look: Look,
) -> io::Result<App> {
    app.api_ready = checker.api.is_some();
    let mut terminal = ratatui::try_init()?;
    // A paste then arrives as one event, not as keys that could act.
    let mut setup = crossterm::execute!(io::stdout(), EnableBracketedPaste);
    if look.mouse && setup.is_ok() {
        setup = crossterm::execute!(io::stdout(), EnableMouseCapture);
    }
    let result = match setup {
        Ok(()) => event_loop(&mut terminal, &mut app, first, &checker, look.theme).await,
        Err(e) => Err(e),
    };
    // On the way out: restoring the terminal goes on whatever this says.
    if look.mouse {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = crossterm::execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result.map(|()| app)
}

async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    first: Vec<Effect>,
    checker: &Arc<Checker>,
    theme: Theme,
) -> io::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut events = EventStream::new();
    let mut sigterm = signal(tokio::signal::unix::SignalKind::terminate())?;
    let mut sighup = signal(tokio::signal::unix::SignalKind::hangup())?;
    let mut sigquit = signal(tokio::signal::unix::SignalKind::quit())?;
    let mut size = terminal.size()?;
    let mut effects = first;
    // The diagnosis in flight: `r` (or the watch) replaces it, never runs
    // beside it.
    let mut in_flight: Option<tokio::task::AbortHandle> = None;
    loop {
        for effect in std::mem::take(&mut effects) {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Diagnose { target, generation } => {
                    if let Some(old) = in_flight.take() {
                        old.abort();
                    }
                    in_flight = Some(start_diagnosis(checker, target, generation, tx.clone()));
                }
                Effect::DiagnoseList(names) => start_list(checker, names, tx.clone()),
                Effect::PlanFix(input) => {
                    let tx = tx.clone();
                    // A zone of thousands of records is planned off the
                    // screen's loop: keys and signals still act meanwhile.
                    tokio::task::spawn_blocking(move || {
                        let plan =
                            crate::fix::plan::plan(&input.evidence, &input.findings, &input.zone);
                        let _ = tx.send(Msg::Planned(plan));
                    });
                }
                Effect::ApplyFix(plan) => {
                    if let Some(api) = checker.api.clone() {
                        let tx = tx.clone();
                        tokio::spawn(async move {
                            let applied = crate::fix::apply(&api, &plan).await;
                            let _ = tx.send(Msg::FixApplied(applied));
                        });
                    }
                }
                Effect::Export => {
                    let result = export::export(app);
                    if let Ok((_, text)) = &result {
                        export::copy_to_clipboard(text);
                    }
                    // Recording the outcome starts nothing else.
                    let _ = app.update(Msg::Exported(result.map(|(p, _)| p)));
                }
            }
        }
        terminal.draw(|f| view::draw(f, app, theme))?;
        let tick = app.tick_every();
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Paste(text))) => Msg::Paste(text),
                Some(Ok(Event::Mouse(mouse))) => Msg::Mouse(mouse),
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
            // A signal leaves as `q` does: never during a write at the CDN.
            _ = sigterm.recv() => Msg::Signal(15),
            _ = sighup.recv() => Msg::Signal(1),
            _ = sigquit.recv() => Msg::Signal(3),
            _ = tokio::signal::ctrl_c() => Msg::Signal(2),
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

fn start_list(checker: &Arc<Checker>, names: Arc<list::Names>, tx: mpsc::UnboundedSender<Msg>) {
    let checker = checker.clone();
    tokio::spawn(async move {
        // A domain becomes a target only as its turn comes: the names
        // waiting stay the list's own, shared, a few bytes each.
        let targets = futures::stream::iter(0..names.len()).filter_map(|index| {
            let target = names
                .get(index)
                .and_then(|name| crate::model::target::parse_domain(name).ok())
                .map(|target| (index, target));
            async move { target }
        });
        // The same checker as a domain opened: a row and the domain agree.
        let done = checker.many(targets, LIST_JOBS, false, None);
        let mut done = std::pin::pin!(done);
        while let Some((index, d)) = done.next().await {
            let Some(row) = list::Checked::of(&d) else {
                continue;
            };
            if tx.send(Msg::Listed(index, row)).is_err() {
                return;
            }
        }
    });
}

fn start_diagnosis(
    checker: &Arc<Checker>,
    target: crate::model::target::Target,
    generation: u64,
    tx: mpsc::UnboundedSender<Msg>,
) -> tokio::task::AbortHandle {
    let checker = checker.clone();
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
        let d = checker.one(&target, Some(progress)).await;
        // Every progress message goes out before the result.
        let _ = forward.await;
        let _ = tx.send(Msg::Finished(generation, Box::new(d)));
    })
    .abort_handle()
}
