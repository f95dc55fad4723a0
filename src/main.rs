use std::process::ExitCode;

fn main() -> ExitCode {
    mxdoctor::main()
}
