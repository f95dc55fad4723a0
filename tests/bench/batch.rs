//! Many domains: `mxdoctor check --from` against an authoritative server
//! with a wildcard zone, so each of N distinct domains is a question of its
//! own; and, in the same run, that server's ceiling, so the figure is a
//! ratio to it.
//!
//! The server is NSD and the ceiling what `dnsperf` gets from it, when both
//! are installed (`apt-get install nsd dnsperf`); otherwise the in-process
//! test server and a plain query loop, which is several times slower than
//! NSD, and says so. Each run prints the CPU time per question (the
//! child's own user and system time), the questions per domain (counted by
//! NSD, beside the count mxdoctor's summary gives), domains/s, the share of
//! the ceiling, and peak memory. With NSD, it also prints that CPU time as
//! a multiple of dnsperf's own per answered question in the ceiling's run:
//! the machine's speed drifts by a tenth from one hour to the next, and
//! the multiple lets a figure be compared with another hour's.
//!
//! Run: cargo bench --bench batch          (N = 1,000, 10,000, 100,000)
//!      `BATCH_SIZES=1000 BATCH_ARGS='--jobs 64' cargo bench --bench batch`
//!      `MXDOCTOR_BENCH_BASELINE=/path/to/old/mxdoctor cargo bench --bench batch`
//!      runs another build beside this one, interleaved, on the same server.

// A test that unwraps fails, which is what a test is for; its helpers
// are shared between test modules, not offered to anyone.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    unreachable_pub
)]

#[path = "../integration/common.rs"]
mod common;

use std::fmt::Write as _;
use std::io::Read as _;
use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::BackgroundDns;
use hickory_proto::op::{Message, Query};
use hickory_proto::rr::{Name, RecordType};

/// Questions per domain of the wildcard zone when nothing counts them
/// (the in-process server): what NSD counted for this version.
const QUESTIONS_PER_DOMAIN: f64 = 26.0;

fn main() {
    let sizes: Vec<usize> = std::env::var("BATCH_SIZES").ok().map_or_else(
        || vec![1_000, 10_000, 100_000],
        |v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    );
    let mut binaries = vec![("this build", PathBuf::from(env!("CARGO_BIN_EXE_mxdoctor")))];
    if let Some(old) = std::env::var_os("MXDOCTOR_BENCH_BASELINE") {
        binaries.push(("baseline", PathBuf::from(old)));
    }
    let server = Server::start();
    println!("{}", server.ceiling_line());
    for n in sizes {
        for (label, bin) in &binaries {
            let run = batch(&server, bin, n, None);
            run.print(label, &server);
        }
    }
    // With the port-25 probe, on a loopback greeting server: each domain's
    // mail host is 127.0.0.1. (Each probe leaves a socket in TIME_WAIT, so
    // 10,000 is as far as one machine's ports go comfortably.)
    let rt = tokio::runtime::Runtime::new().unwrap();
    let greeter = rt
        .block_on(mxdoctor::MailServer::start("bench ESMTP", None))
        .unwrap();
    for (label, bin) in &binaries {
        let run = batch(&server, bin, 10_000, Some(greeter.addr.port()));
        run.print(label, &server);
    }
}

/// The DNS server the batches ask, and its ceiling.
enum Server {
    Nsd {
        addr: SocketAddr,
        dir: tempfile::TempDir,
        child: Child,
        ceiling: f64,
        /// dnsperf's own CPU time per answered question in the ceiling's
        /// run, µs: the machine's pace at the moment, by which a figure
        /// of another hour can be compared.
        client_cpu: f64,
    },
    InProcess {
        dns: BackgroundDns,
        ceiling: f64,
    },
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Self::Nsd { child, .. } = self {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Server {
    fn start() -> Self {
        if installed("nsd", "-v") && installed("dnsperf", "-h") {
            match Self::nsd() {
                Ok(s) => return s,
                Err(e) => println!("NSD would not start ({e}): the in-process server instead"),
            }
        } else {
            println!("nsd or dnsperf is not installed: the in-process server instead");
        }
        let dns = BackgroundDns::start();
        let ceiling = raw_capacity(dns.addr, Duration::from_secs(3));
        Self::InProcess { dns, ceiling }
    }

    /// NSD serving every test zone, rate limiting off, its statistics on a
    /// local control socket; the ceiling from `dnsperf`, 5 s.
    fn nsd() -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let port = UdpSocket::bind("127.0.0.1:0")
            .and_then(|s| s.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let d = dir.path().display();
        let mut conf = format!(
            "server:\n  ip-address: 127.0.0.1@{port}\n  username: \"\"\n  chroot: \"\"\n  \
             zonesdir: \"{zones}\"\n  database: \"\"\n  zonelistfile: \"{d}/zone.list\"\n  \
             xfrdfile: \"{d}/xfrd.state\"\n  pidfile: \"{d}/nsd.pid\"\n  logfile: \"{d}/nsd.log\"\n  \
             server-count: 1\n  verbosity: 0\n  rrl-ratelimit: 0\n  rrl-whitelist-ratelimit: 0\n\
             remote-control:\n  control-enable: yes\n  control-interface: {d}/nsd.ctl\n",
            zones = common::zones_dir().display()
        );
        for entry in std::fs::read_dir(common::zones_dir()).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if let Some(zone) = path
                .file_name()
                .and_then(|f| f.to_str())
                .and_then(|f| f.strip_suffix(".zone"))
            {
                let _ = write!(
                    conf,
                    "zone:\n  name: \"{zone}\"\n  zonefile: \"{}\"\n",
                    path.display()
                );
            }
        }
        let conf_path = dir.path().join("nsd.conf");
        std::fs::write(&conf_path, conf).map_err(|e| e.to_string())?;
        let child = Command::new("nsd")
            .arg("-d")
            .arg("-c")
            .arg(&conf_path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let mut server = Self::Nsd {
            addr,
            dir,
            child,
            ceiling: 0.0,
            client_cpu: 0.0,
        };
        let ready = (0..100).any(|_| {
            std::thread::sleep(Duration::from_millis(50));
            server.queries().is_some()
        });
        if !ready {
            return Err("no answer on its control socket".into());
        }
        let queries = conf_path.with_file_name("dnsperf.txt");
        let list = (0..200_000).fold(String::new(), |mut s, i| {
            let _ = writeln!(s, "b{i}.wild.test MX");
            s
        });
        std::fs::write(&queries, list).map_err(|e| e.to_string())?;
        let mut perf = Command::new("dnsperf")
            .args(["-s", "127.0.0.1", "-p", &port.to_string(), "-l", "5"])
            .args(["-c", "4", "-q", "256", "-d"])
            .arg(&queries)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let mut text = String::new();
        perf.stdout
            .take()
            .ok_or("no output from dnsperf")?
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        // Its own CPU time, read before it is reaped: what a client that
        // does nothing but ask spends per answer, on this machine, now.
        wait_exited(perf.id());
        let cpu = cpu_time(perf.id());
        let _ = perf.wait();
        let field = |label: &str| {
            text.lines()
                .find_map(|l| l.trim().strip_prefix(label))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<f64>().ok())
        };
        let qps = field("Queries per second:").ok_or("dnsperf printed no rate")?;
        let completed = field("Queries completed:").ok_or("dnsperf printed no count")?;
        if let Self::Nsd {
            ceiling,
            client_cpu,
            ..
        } = &mut server
        {
            *ceiling = qps;
            *client_cpu = cpu.as_secs_f64() * 1e6 / completed.max(1.0);
        }
        Ok(server)
    }

    fn addr(&self) -> SocketAddr {
        match self {
            Self::Nsd { addr, .. } => *addr,
            Self::InProcess { dns, .. } => dns.addr,
        }
    }

    fn ceiling(&self) -> f64 {
        match self {
            Self::Nsd { ceiling, .. } | Self::InProcess { ceiling, .. } => *ceiling,
        }
    }

    fn client_cpu(&self) -> Option<f64> {
        match self {
            Self::Nsd { client_cpu, .. } => Some(*client_cpu),
            Self::InProcess { .. } => None,
        }
    }

    fn ceiling_line(&self) -> String {
        match self {
            Self::Nsd {
                ceiling,
                client_cpu,
                ..
            } => format!(
                "Ceiling: NSD (1 server process, rate limiting off) as dnsperf reaches it \
                 (4 clients, 256 in flight, 5 s): {ceiling:.0} questions/s; dnsperf's own CPU \
                 {client_cpu:.2} µs per answered question"
            ),
            Self::InProcess { ceiling, .. } => format!(
                "Ceiling: the in-process test server, plain query loop (64 in flight): \
                 {ceiling:.0} questions/s (NSD is several times faster: install nsd and dnsperf)"
            ),
        }
    }

    /// The questions NSD has answered so far.
    fn queries(&self) -> Option<u64> {
        let Self::Nsd { dir, .. } = self else {
            return None;
        };
        let out = Command::new("nsd-control")
            .arg("-c")
            .arg(dir.path().join("nsd.conf"))
            .arg("stats_noreset")
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("num.queries="))
            .and_then(|v| v.trim().parse().ok())
    }
}

fn installed(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Queries answered per second by the server, for distinct names, with a
/// bounded number in flight from one socket.
fn raw_capacity(server: SocketAddr, run: Duration) -> f64 {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.connect(server).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let query = |n: u32| {
        let name = Name::from_ascii(format!("q{n}.wild.test.")).unwrap();
        let mut m = Message::query();
        m.metadata.id = u16::try_from(n % 65_536).unwrap();
        m.metadata.recursion_desired = true;
        m.add_query(Query::query(name, RecordType::MX));
        m.to_vec().unwrap()
    };
    let start = Instant::now();
    let (mut sent, mut answered) = (0u32, 0u64);
    let mut buf = [0u8; 4096];
    while sent < 64 {
        socket.send(&query(sent)).unwrap();
        sent += 1;
    }
    while start.elapsed() < run {
        // An answer, or a lost datagram: either way keep the window full.
        if socket.recv(&mut buf).is_ok() {
            answered += 1;
        }
        socket.send(&query(sent)).unwrap();
        sent += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    let rate = answered as f64 / start.elapsed().as_secs_f64();
    rate
}

/// What one batch cost.
struct Run {
    n: usize,
    probe: bool,
    code: Option<i32>,
    wall: Duration,
    cpu: Duration,
    peak_kib: u64,
    first_output: Option<Duration>,
    /// Counted by the server, when it counts.
    questions: Option<u64>,
    /// Counted by mxdoctor itself, in its summary (versions that say it).
    own_count: Option<u64>,
    failed: usize,
    greeted: usize,
}

impl Run {
    #[allow(clippy::cast_precision_loss)]
    fn print(&self, label: &str, server: &Server) {
        let n = self.n as f64;
        let per_domain = self
            .questions
            .map_or(QUESTIONS_PER_DOMAIN, |q| q as f64 / n);
        let questions = per_domain * n;
        let counted = match (self.questions, self.own_count) {
            (Some(q), Some(own)) => format!("NSD counted {q}, mxdoctor {own}"),
            (Some(_), None) => "counted by NSD".to_string(),
            (None, _) => "not counted: this version's figure".to_string(),
        };
        let domains_per_s = n / self.wall.as_secs_f64();
        let qps = questions / self.wall.as_secs_f64();
        let probes = if self.probe {
            format!(", with the port-25 probe ({} greetings)", self.greeted)
        } else {
            String::new()
        };
        println!(
            "{label}: mxdoctor check --from, N = {}{probes} (exit {:?})",
            self.n, self.code
        );
        println!(
            "  {:.2} s, {domains_per_s:.0} domains/s, {per_domain:.1} questions/domain ({counted}), \
             {qps:.0} questions/s = {:.2} of the ceiling",
            self.wall.as_secs_f64(),
            qps / server.ceiling()
        );
        println!(
            "  CPU {:.2} s = {:.1} µs per question, {:.0} µs per domain; peak memory {:.1} MiB; \
             first result after {:.0} ms; failed lookups: {}",
            self.cpu.as_secs_f64(),
            self.cpu.as_secs_f64() * 1e6 / questions,
            self.cpu.as_secs_f64() * 1e6 / n,
            self.peak_kib as f64 / 1024.0,
            self.first_output
                .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0),
            self.failed
        );
        if let Some(client) = server.client_cpu() {
            println!(
                "  = {:.2}× dnsperf's own CPU per answered question",
                self.cpu.as_secs_f64() * 1e6 / questions / client
            );
        }
    }
}

/// Lookups of N domains of the wildcard zone, and with `smtp_port` one
/// probe each.
fn batch(server: &Server, bin: &Path, n: usize, smtp_port: Option<u16>) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("domains.txt");
    let zone = if smtp_port.is_some() {
        "wildmail.test"
    } else {
        "wild.test"
    };
    let names = (0..n).fold(String::new(), |mut s, i| {
        let _ = writeln!(s, "b{i}.{zone}");
        s
    });
    let smtp: Vec<String> = match smtp_port {
        Some(port) => vec!["--smtp-port".into(), port.to_string()],
        None => vec!["--no-smtp".into()],
    };
    std::fs::write(&list, names).unwrap();
    let out = dir.path().join("out.csv");
    let before = server.queries();
    let start = Instant::now();
    let mut child = Command::new(bin)
        // Not quiet: the summary on stderr says how many questions went out.
        .args(["check", "--format", "csv"])
        .args(&smtp)
        .arg("--resolver")
        .arg(server.addr().to_string())
        .arg("--from")
        .arg(&list)
        .args(
            std::env::var("BATCH_ARGS")
                .unwrap_or_default()
                .split_whitespace(),
        )
        .env("LANG", "C")
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(dir.path().join("err.txt")).unwrap())
        .spawn()
        .unwrap();
    let pid = pid(child.id());
    let (mut peak_kib, mut first_output) = (0u64, None);
    // Until it exits, unreaped (`UNREAPED`): its CPU time is read after.
    loop {
        peak_kib = peak_kib.max(common::peak_kib(child.id()).unwrap_or(0));
        if first_output.is_none() && std::fs::metadata(&out).is_ok_and(|m| m.len() > 60) {
            first_output = Some(start.elapsed());
        }
        if rustix::process::waitid(
            rustix::process::WaitId::Pid(pid),
            UNREAPED | rustix::process::WaitIdOptions::NOHANG,
        )
        .unwrap()
        .is_some()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let wall = start.elapsed();
    let cpu = cpu_time(child.id());
    let code = child.wait().unwrap().code();
    let questions = server.queries().zip(before).map(|(a, b)| a - b);
    let text = std::fs::read_to_string(&out).unwrap();
    let failed = text
        .lines()
        .filter(|l| l.contains(",lookup-failed,"))
        .count();
    let greeted = text.lines().filter(|l| l.contains(",smtp-ok,")).count();
    let own_count = std::fs::read_to_string(dir.path().join("err.txt"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_suffix(" DNS questions asked."))
        .and_then(|n| n.parse().ok());
    Run {
        n,
        probe: smtp_port.is_some(),
        code,
        wall,
        cpu,
        peak_kib,
        first_output,
        questions,
        own_count,
        failed,
        greeted,
    }
}

/// An exit waited for without reaping the process, so that its own CPU
/// time can still be read from /proc.
const UNREAPED: rustix::process::WaitIdOptions =
    rustix::process::WaitIdOptions::EXITED.union(rustix::process::WaitIdOptions::NOWAIT);

/// Waits for process `id` to exit, leaving it to be reaped.
fn wait_exited(id: u32) {
    let _ = rustix::process::waitid(rustix::process::WaitId::Pid(pid(id)), UNREAPED);
}

/// A child's id as the system calls take it.
fn pid(id: u32) -> rustix::process::Pid {
    rustix::process::Pid::from_raw(i32::try_from(id).unwrap()).unwrap()
}

/// User and system time of an exited, not yet reaped, process.
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command's closing parenthesis, from the state:
    // utime and stime are the 12th and 13th (proc(5)).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|i| fields.get(*i).and_then(|v| v.parse::<u64>().ok()))
        .sum();
    let per_second = rustix::param::clock_ticks_per_second().max(1);
    Duration::from_micros(ticks * 1_000_000 / per_second)
}
