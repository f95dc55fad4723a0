use std::io::Write;
use std::process::ExitCode;

use mxdoctor::app::{self, EXIT_CANNOT_RUN, EXIT_USAGE};
use mxdoctor::cli::{self, Parsed, Settings};
use mxdoctor::i18n::Localizer;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::early_lang(&args);
    let loc = Localizer::new(lang);
    let cli = match cli::parse(args, &loc) {
        Parsed::Run(cli) => cli,
        Parsed::Print(text) => {
            return match app::emit(&text) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    app::complain(&loc, &app::output_failed(&e));
                    ExitCode::from(EXIT_CANNOT_RUN)
                }
                _ => ExitCode::SUCCESS,
            };
        }
        Parsed::Fail(usage) => {
            app::complain(&loc, &usage);
            let _ = writeln!(std::io::stderr(), "{}", loc.msg("error-hint", &[]));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let settings = match Settings::from_common(&cli.common, lang) {
        Ok(s) => s,
        Err(usage) => {
            app::complain(&loc, &usage);
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let loc = Localizer::new(settings.lang);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "mxdoctor: {e}");
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    runtime.block_on(app::run(*cli, settings, &loc))
}
