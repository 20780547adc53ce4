//! For tests only: a real `nats-server` (Debian's package) with JetStream, on a free
//! loopback port with its own store directory, that a test can kill -9 and restart.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A nats-server process owned by a test (killed on drop).
pub struct NatsServer {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
}

/// `nats-server` on PATH; under `CI=true` its absence fails the test, elsewhere the
/// caller skips (`None`, said on stderr).
pub fn nats_server_available() -> bool {
    let found = Command::new("nats-server")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !ci,
            "nats-server is not installed: the queue tests need it (apt-get install nats-server; scripts/test does)"
        );
        eprintln!("skipping: nats-server is not installed (apt-get install nats-server)");
    }
    found
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl NatsServer {
    /// Starts a server storing under `dir` (created). `None` when nats-server is not
    /// installed outside CI.
    pub fn start(dir: &Path) -> Option<NatsServer> {
        if !nats_server_available() {
            return None;
        }
        std::fs::create_dir_all(dir).expect("nats store dir");
        let mut s = NatsServer {
            child: None,
            port: free_port(),
            dir: dir.to_path_buf(),
        };
        s.spawn();
        Some(s)
    }

    fn spawn(&mut self) {
        let conf = self.dir.join("nats.conf");
        std::fs::write(
            &conf,
            format!(
                "listen: 127.0.0.1:{}\nmax_payload: 67108864\njetstream {{ store_dir: \"{}\" }}\n",
                self.port,
                self.dir.join("js").display()
            ),
        )
        .expect("nats.conf");
        let child = Command::new("nats-server")
            .arg("-c")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nats-server");
        self.child = Some(child);
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "nats-server did not listen on 127.0.0.1:{}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// SIGKILL: no chance to flush anything.
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts again on the same port and store directory.
    pub fn restart(&mut self) {
        self.kill9();
        self.spawn();
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.kill9();
    }
}
