//! The raport benchmark (docs/performance.md).
//!
//! ```sh
//! cargo run --release -p raport-bench -- [--briefs 1000,5000] [--runs 5] [--seed 8] [--no-hugo] [--no-scaling] [--keep DIR]
//! ```
//!
//! For each N it generates the corpus (`raport_bench::corpus`) and its Hugo
//! twin in a temp dir, then times, in one run and as child processes (wall
//! time from spawn to exit, peak RSS from `wait4`): raport's full build with
//! the default thread count, with 1 and 2 threads, unminified, `check`, the
//! floor (a bare pulldown-cmark pass over the briefs, then the same files of
//! the same sizes as the build wrote, both on every core), `hugo --minify`
//! and a build with an empty card cache. Then build and check at 4N for the
//! first N (the scaling), and at the first N what `serve` does after a
//! one-file edit, in process and end to end. Figures are medians; the report
//! ends with the ratios the README quotes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use raport_bench::{corpus, floor, hugo};

/// The allocator of the `raport` binary, so that the builds timed here
/// (`__build`, in this process) allocate as raport does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    raport::no_huge_pages();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("__build") => child_build(&args[1..]),
        Some("__floor") => child_floor(&args[1..]),
        Some("__check") => child_check(&args[1..]),
        Some("__serve") => child_serve(&args[1..]),
        Some("__serve_http") => child_serve_http(&args[1..]),
        // Only the end-to-end `serve` figure, on an existing site: `__serve_e2e <root> <edits>`.
        Some("__serve_e2e") => (|| {
            let exe = std::env::current_exe().map_err(|e| e.to_string())?;
            let edits = arg(&args[1..], 1)?.parse().map_err(|_| "edits")?;
            println!("{} ms", serve_end_to_end(&exe, Path::new(arg(&args[1..], 0)?), edits)?);
            Ok(())
        })(),
        _ => driver(&args),
    };
    if let Err(e) = result {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}

type Res<T> = Result<T, String>;

fn arg(args: &[String], i: usize) -> Res<&str> {
    args.get(i).map(String::as_str).ok_or_else(|| format!("missing argument {i}"))
}

fn set_threads(n: usize) -> Res<()> {
    if n > 0 {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// `__build <root> <out> <threads> [plain]`: one full build, as `raport::build`
/// does it (`plain`: without minifying HTML); prints `pages files`.
fn child_build(args: &[String]) -> Res<()> {
    set_threads(arg(args, 2)?.parse().map_err(|_| "threads")?)?;
    let mut opts = raport::BuildOptions::new(arg(args, 0)?);
    opts.output = PathBuf::from(arg(args, 1)?);
    opts.minify = args.get(3).is_none_or(|a| a != "plain");
    let report = raport::build(&opts).map_err(|e| e.to_string())?;
    println!("{} {}", report.pages, report.files);
    Ok(())
}

/// `__floor <root> <manifest> <out>`: the bare pulldown-cmark pass, then the
/// manifest's files written under `out`; prints the counts.
fn child_floor(args: &[String]) -> Res<()> {
    let entries = floor::read_manifest(Path::new(arg(args, 1)?)).map_err(|e| e.to_string())?;
    let f = floor::run(Path::new(arg(args, 0)?), &entries, Path::new(arg(args, 2)?)).map_err(|e| e.to_string())?;
    println!("{} {} {} {}", f.files, f.html_bytes, f.written, f.written_bytes);
    Ok(())
}

/// `__check <root>`: `raport check`, which plans and renders every page
/// but writes nothing; prints the page count.
fn child_check(args: &[String]) -> Res<()> {
    let opts = raport::BuildOptions::new(arg(args, 0)?);
    let report = raport::check(&opts).map_err(|e| e.to_string())?;
    println!("{}", report.pages);
    Ok(())
}

/// `__serve <root> <out> <edits>`: what `raport serve` does after a one-file
/// edit, `edits` times: plan the site with the serve cache (the browser is
/// told to reload when this returns), then render the edited page (what the
/// reloading browser asks for). Also a full build after the same kind of
/// edit. Prints medians in ms: `plan plan+page build`.
fn child_serve(args: &[String]) -> Res<()> {
    let root = PathBuf::from(arg(args, 0)?);
    let edits: usize = arg(args, 2)?.parse().map_err(|_| "edits")?;
    let mut opts = raport::BuildOptions::new(&root);
    opts.output = PathBuf::from(arg(args, 1)?);
    opts.live_reload = true;
    let cache = raport::cache::Cache::new();
    raport::plan_cached(&opts, Some(&cache)).map_err(|e| e.to_string())?;
    let briefs = root.join("content/briefs");
    let target = std::fs::read_dir(&briefs)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".sq.md"))
        .min()
        .ok_or("no brief to edit")?;
    let stem =
        target.file_name().map(|n| n.to_string_lossy().trim_end_matches(".sq.md").to_string()).unwrap_or_default();
    let original = std::fs::read_to_string(&target).map_err(|e| e.to_string())?;
    let (mut plan, mut page, mut full) = (Vec::new(), Vec::new(), Vec::new());
    for k in 0..edits {
        let edited = format!("{original}\nNjë fjali e shtuar gjatë redaktimit {k}.\n");
        std::fs::write(&target, edited).map_err(|e| e.to_string())?;
        let t = Instant::now();
        let (p, _) = raport::plan_cached(&opts, Some(&cache)).map_err(|e| e.to_string())?;
        plan.push(t.elapsed());
        let i = p
            .pages
            .iter()
            .position(|pg| pg.key == format!("briefs:{stem}") && pg.lang == "sq")
            .ok_or("edited page not planned")?;
        let html = p.render_page(i, false).map_err(|e| e.to_string())?;
        if !String::from_utf8_lossy(&html).contains(&format!("redaktimit {k}.")) {
            return Err("the edit is not on the page".into());
        }
        page.push(t.elapsed());
        drop(p);
        let t = Instant::now();
        raport::build(&opts).map_err(|e| e.to_string())?;
        full.push(t.elapsed());
    }
    std::fs::write(&target, original).map_err(|e| e.to_string())?;
    println!("{} {} {}", ms(median(&mut plan)), ms(median(&mut page)), ms(median(&mut full)));
    Ok(())
}

/// `__serve_http <root>`: `raport serve` itself, on a free port; runs until killed.
fn child_serve_http(args: &[String]) -> Res<()> {
    let opts = raport::serve::ServeOptions { root: PathBuf::from(arg(args, 0)?), port: Some(0), drafts: false };
    raport::serve::serve(&opts).map_err(|e| e.to_string())
}

/// End to end, as an editor sees it: starts `raport serve` on `root` in a
/// child process, follows its reload events like a browser, and `edits`
/// times appends a sentence to one brief and times the save until the
/// reload event arrives (file-system watcher, debounce, rebuild and event
/// stream included). Returns the median in ms.
fn serve_end_to_end(exe: &Path, root: &Path, edits: usize) -> Res<u128> {
    use std::io::{BufRead, BufReader, Write};
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Kill(
        Command::new(exe)
            .arg("__serve_http")
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?,
    );
    let out = child.0.stdout.take().ok_or("no stdout")?;
    let mut lines = BufReader::new(out).lines();
    let port: u16 = loop {
        let line = lines.next().ok_or("serve stopped")?.map_err(|e| e.to_string())?;
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().and_then(|p| p.parse().ok()).ok_or("no port")?;
        }
    };
    // Keep reading its status lines, so that a full pipe never blocks it.
    std::thread::spawn(move || lines.for_each(drop));
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    write!(stream, "GET /__raport/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").map_err(|e| e.to_string())?;
    let mut events = BufReader::new(stream).lines();
    let mut next_event = || -> Res<()> {
        loop {
            let line = events.next().ok_or("event stream closed")?.map_err(|e| e.to_string())?;
            if line.starts_with("data:") {
                return Ok(());
            }
        }
    };
    next_event()?;
    let target = root.join("content/briefs").join(first_brief(root)?);
    let original = std::fs::read_to_string(&target).map_err(|e| e.to_string())?;
    let mut times = Vec::new();
    for k in 0..edits {
        // Let the previous rebuild settle, as between two saves.
        std::thread::sleep(Duration::from_millis(300));
        let t = Instant::now();
        std::fs::write(&target, format!("{original}\nNjë fjali e shtuar nga redaktori {k}.\n"))
            .map_err(|e| e.to_string())?;
        next_event()?;
        times.push(t.elapsed());
    }
    std::fs::write(&target, original).map_err(|e| e.to_string())?;
    Ok(median(&mut times).as_millis())
}

/// The file name of the first Albanian brief of a site.
fn first_brief(root: &Path) -> Res<String> {
    std::fs::read_dir(root.join("content/briefs"))
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sq.md"))
        .min()
        .ok_or_else(|| "no brief to edit".to_string())
}

/// Wall time, peak RSS (KiB) and stdout of one child process.
struct Sample {
    wall: Duration,
    cpu: Duration,
    rss_kib: u64,
    stdout: String,
}

fn run(cmd: &mut Command) -> Res<Sample> {
    let t = Instant::now();
    let mut child =
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(|e| format!("spawn {cmd:?}: {e}"))?;
    let mut stdout = String::new();
    let mut stderr = String::new();
    if let Some(mut o) = child.stdout.take() {
        std::io::Read::read_to_string(&mut o, &mut stdout).map_err(|e| e.to_string())?;
    }
    if let Some(mut o) = child.stderr.take() {
        std::io::Read::read_to_string(&mut o, &mut stderr).map_err(|e| e.to_string())?;
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 on our own child's pid
    // writes only into the two locals it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = t.elapsed();
    if r != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{cmd:?} failed:\n{stderr}"));
    }
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    Ok(Sample { wall, cpu: tv(usage.ru_utime) + tv(usage.ru_stime), rss_kib: usage.ru_maxrss as u64, stdout })
}

/// Samples of one command, measured in rounds interleaved with the others so
/// that load from elsewhere on the machine falls on all of them alike.
#[derive(Default)]
struct Series {
    walls: Vec<Duration>,
    cpus: Vec<Duration>,
    rss_kib: u64,
    stdout: String,
}

impl Series {
    fn add(&mut self, s: Sample) {
        self.walls.push(s.wall);
        self.cpus.push(s.cpu);
        self.rss_kib = self.rss_kib.max(s.rss_kib);
        self.stdout = s.stdout;
    }

    /// Median wall and CPU time, max peak RSS, last stdout.
    fn summary(mut self) -> Sample {
        Sample {
            wall: median(&mut self.walls),
            cpu: median(&mut self.cpus),
            rss_kib: self.rss_kib,
            stdout: self.stdout,
        }
    }
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

struct Options {
    briefs: Vec<usize>,
    runs: usize,
    seed: u64,
    hugo: bool,
    keep: Option<PathBuf>,
    /// Whether to time build and check at 4N for the first N.
    scaling: bool,
}

fn parse(args: &[String]) -> Res<Options> {
    let mut o = Options { briefs: vec![1000, 5000], runs: 5, seed: 8, hugo: true, keep: None, scaling: true };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--briefs" => {
                o.briefs = val()?
                    .split(',')
                    .map(|s| s.trim().parse().map_err(|_| format!("bad --briefs `{s}`")))
                    .collect::<Res<_>>()?
            }
            "--runs" => o.runs = val()?.parse().map_err(|_| "bad --runs")?,
            "--seed" => o.seed = val()?.parse().map_err(|_| "bad --seed")?,
            "--keep" => o.keep = Some(PathBuf::from(val()?)),
            "--no-hugo" => o.hugo = false,
            "--no-scaling" => o.scaling = false,
            "-h" | "--help" => {
                return Err(
                    "usage: bench [--briefs 1000,5000] [--runs 5] [--seed 8] [--no-hugo] [--no-scaling] [--keep DIR]"
                        .into(),
                );
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(o)
}

/// One N's figures.
struct Row {
    n: usize,
    pages: String,
    default: Sample,
    replace: Sample,
    plain: Sample,
    one: Sample,
    two: Sample,
    floor: Sample,
    /// `raport check` (renders every page, writes nothing).
    check: Sample,
    hugo: Option<Sample>,
    /// The build with an empty card cache, and the cards it drew.
    cold: Sample,
    cards: usize,
}

fn driver(args: &[String]) -> Res<()> {
    let o = parse(args)?;
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let base = o.keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let hugo_version = Command::new("hugo")
        .arg("version")
        .output()
        .ok()
        .filter(|x| x.status.success())
        .map(|x| String::from_utf8_lossy(&x.stdout).trim().to_string());
    let use_hugo = o.hugo && hugo_version.is_some();
    println!("machine: {} cores, {}", std::thread::available_parallelism().map_or(0, |n| n.get()), cpu_model());
    println!("hugo: {}", hugo_version.as_deref().unwrap_or("not installed"));
    let mut rows = Vec::new();
    let mut serve = None;
    for &n in &o.briefs {
        let dir = base.join(format!("n{n}"));
        let site = dir.join("raport");
        let copts = corpus::CorpusOptions { briefs: n, seed: o.seed };
        if site.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
        }
        let stats = corpus::write_site(&site, &copts).map_err(|e| e.to_string())?;
        let hsite = dir.join("hugo");
        if use_hugo {
            hugo::write_site(&hsite, &copts).map_err(|e| e.to_string())?;
        }
        println!(
            "N={n}: {} Markdown files, {} words in briefs ({} per file), {:.1} MiB",
            stats.markdown_files,
            stats.words,
            stats.words / (2 * n).max(1),
            stats.bytes as f64 / 1048576.0
        );
        let out = dir.join("public");
        let hout = dir.join("hugo-public");
        let build = |threads: usize| {
            let mut c = Command::new(&exe);
            c.arg("__build").arg(&site).arg(&out).arg(threads.to_string());
            c
        };
        let plain = || {
            let mut c = build(0);
            c.arg("plain");
            c
        };
        // The floor writes what the default build wrote: its manifest is
        // taken after the first build.
        let manifest = dir.join("floor-manifest.txt");
        let floor_out = dir.join("floor-public");
        let floor_cmd = || {
            let mut c = Command::new(&exe);
            c.arg("__floor").arg(&site).arg(&manifest).arg(&floor_out);
            c
        };
        let check_cmd = || {
            let mut c = Command::new(&exe);
            c.arg("__check").arg(&site);
            c
        };
        let hugo_cmd = || {
            let mut c = Command::new("hugo");
            // Minified, as raport's output is.
            c.arg("--quiet").arg("--minify").arg("--source").arg(&hsite).arg("--destination").arg(&hout);
            c
        };
        // Every build but `replace` starts with no output folder, as Hugo's
        // does; `replace` rebuilds over the previous output, as editors do.
        let mut series: [Series; 9] = Default::default();
        // Round 0 warms the page cache and is not counted.
        for round in 0..=o.runs {
            let mut cmds = vec![
                (true, build(0)),
                (false, build(0)),
                (true, build(1)),
                (true, build(2)),
                (true, plain()),
                (false, floor_cmd()),
                (false, check_cmd()),
            ];
            cmds.push((true, hugo_cmd()));
            // Last, so that every other build finds the card cache warm:
            // the build of a fresh clone, with no card cache.
            cmds.push((true, build(0)));
            let cold = cmds.len() - 1;
            for (k, (clean, mut c)) in cmds.into_iter().enumerate() {
                if k == cold - 1 && !use_hugo {
                    continue;
                }
                if k == cold {
                    let _ = std::fs::remove_dir_all(site.join(".raport-cache"));
                }
                if clean {
                    let _ = std::fs::remove_dir_all(&out);
                    let _ = std::fs::remove_dir_all(&hout);
                }
                if k == FLOOR {
                    let _ = std::fs::remove_dir_all(&floor_out);
                }
                let s = run(&mut c)?;
                if round == 0 && k == 0 {
                    floor::write_manifest(&manifest, &floor::manifest(&out).map_err(|e| e.to_string())?)
                        .map_err(|e| e.to_string())?;
                }
                if round > 0
                    && let Some(x) = series.get_mut(k)
                {
                    x.add(s);
                }
            }
        }
        let [default, replace, one, two, plain, floor, check, hugo, cold] = series.map(Series::summary);
        let hugo = use_hugo.then_some(hugo);
        if serve.is_none() {
            let s = run(Command::new(&exe)
                .arg("__serve")
                .arg(&site)
                .arg(dir.join("serve-public"))
                .arg(o.runs.to_string()))?;
            let e2e = serve_end_to_end(&exe, &site, o.runs.max(5))?;
            serve = Some(format!("{} {e2e}", s.stdout.trim()));
        }
        let pages = default.stdout.split_whitespace().next().unwrap_or("?").to_string();
        let cards = std::fs::read_dir(site.join(".raport-cache/cards")).map_or(0, Iterator::count);
        rows.push(Row { n, pages, default, replace, plain, one, two, floor, check, hugo, cold, cards });
    }
    let scaling = match o.briefs.first() {
        Some(&n) if o.scaling => Some(scaling(&exe, &base, n, &o, &rows)?),
        _ => None,
    };
    report(&rows, serve.as_deref(), scaling);
    Ok(())
}

/// Where the floor is in a round's list of commands.
const FLOOR: usize = 5;

/// Build and check at `4 * n` over build and check at `n` (the first row):
/// the 4N corpus is the row's if the bench ran it, else generated here and
/// timed as the rows are (warm card cache, medians of `runs`).
fn scaling(exe: &Path, base: &Path, n: usize, o: &Options, rows: &[Row]) -> Res<(f64, f64)> {
    let first = rows.first().ok_or("no rows")?;
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
    if let Some(r) = rows.iter().find(|r| r.n == 4 * n) {
        return Ok((ratio(r.default.wall, first.default.wall), ratio(r.check.wall, first.check.wall)));
    }
    let dir = base.join(format!("n{}", 4 * n));
    let site = dir.join("raport");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
    }
    corpus::write_site(&site, &corpus::CorpusOptions { briefs: 4 * n, seed: o.seed }).map_err(|e| e.to_string())?;
    let out = dir.join("public");
    let mut build = Series::default();
    let mut check = Series::default();
    for round in 0..=o.runs {
        let _ = std::fs::remove_dir_all(&out);
        let b = run(Command::new(exe).arg("__build").arg(&site).arg(&out).arg("0"))?;
        let c = run(Command::new(exe).arg("__check").arg(&site))?;
        if round > 0 {
            build.add(b);
            check.add(c);
        }
    }
    let (build, check) = (build.summary(), check.summary());
    Ok((ratio(build.wall, first.default.wall), ratio(check.wall, first.check.wall)))
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name").map(|v| v.trim_start_matches([' ', '\t', ':']).to_string()))
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn report(rows: &[Row], serve: Option<&str>, scaling: Option<(f64, f64)>) {
    println!(
        "\n| N briefs | pages | raport wall (CPU) | pages/s | peak RSS | replacing public/ | unminified | 1 thread | 2 threads | check | floor | hugo wall (CPU) | hugo RSS |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let pps = r.pages.parse::<f64>().unwrap_or(0.0) / r.default.wall.as_secs_f64().max(1e-9);
        let (h, hr) = r.hugo.as_ref().map_or(("-".into(), "-".into()), |h| {
            (format!("{} ms ({})", ms(h.wall), ms(h.cpu)), format!("{} MiB", h.rss_kib / 1024))
        });
        println!(
            "| {} | {} | {} ms ({}) | {:.0} | {} MiB | {} ms | {} ms | {} ms | {} ms | {} ms | {} ms | {h} | {hr} |",
            r.n,
            r.pages,
            ms(r.default.wall),
            ms(r.default.cpu),
            pps,
            r.default.rss_kib / 1024,
            ms(r.replace.wall),
            ms(r.plain.wall),
            ms(r.one.wall),
            ms(r.two.wall),
            ms(r.check.wall),
            ms(r.floor.wall)
        );
    }
    println!();
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
    for r in rows {
        print!(
            "N={}: raport/floor {:.2}x, 1 thread/2 threads {:.2}x",
            r.n,
            ratio(r.default.wall, r.floor.wall),
            ratio(r.one.wall, r.two.wall)
        );
        if let Some(h) = &r.hugo {
            print!(
                ", raport/hugo {:.3}x (unminified {:.3}x), floor/hugo {:.3}x, peak memory raport/hugo {:.3}x",
                ratio(r.default.wall, h.wall),
                ratio(r.plain.wall, h.wall),
                ratio(r.floor.wall, h.wall),
                r.default.rss_kib as f64 / h.rss_kib.max(1) as f64
            );
        }
        println!();
    }
    for r in rows {
        let extra = r.cold.cpu.saturating_sub(r.default.cpu);
        println!(
            "N={}: empty card cache {} ms ({} CPU), {:.2}x the warm build; {} cards, {:.2} ms CPU per card drawn",
            r.n,
            ms(r.cold.wall),
            ms(r.cold.cpu),
            ratio(r.cold.wall, r.default.wall),
            r.cards,
            extra.as_secs_f64() * 1000.0 / r.cards.max(1) as f64
        );
    }
    if let (Some(a), Some(b)) = (rows.first(), rows.last())
        && a.n != b.n
    {
        println!(
            "scaling: raport N={} / N={}: {:.2}x for {:.0}x the briefs",
            b.n,
            a.n,
            ratio(b.default.wall, a.default.wall),
            b.n as f64 / a.n as f64
        );
    }
    if let (Some((build, check)), Some(first)) = (scaling, rows.first()) {
        println!("scaling 4N/N (N={}, 4N={}): build {build:.2}x, check {check:.2}x", first.n, 4 * first.n);
    }
    if let (Some(s), Some(first)) = (serve, rows.first()) {
        let mut it = s.split_whitespace();
        println!(
            "serve after a one-file edit at N={}: reload after {} ms (cached plan), edited page ready after {} ms; \
             a full build after the same edit {} ms; end to end (save -> reload event, `raport serve`) {} ms",
            first.n,
            it.next().unwrap_or("?"),
            it.next().unwrap_or("?"),
            it.next().unwrap_or("?"),
            it.next().unwrap_or("?")
        );
    }
}
