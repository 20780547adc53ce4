//! `newsgraph queue status`: what the queue holds (pending, in flight, dead letters).

use newsgraph_queue::{Queue, QueueOptions};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum QueueCommand {
    /// Inputs pending, in flight and dead, with the latest dead letters' errors.
    Status(StatusArgs),
}

#[derive(clap::Args)]
pub struct StatusArgs {
    /// The NATS server with JetStream: nats://HOST:PORT.
    #[arg(long, value_name = "URL", env = "NEWSGRAPH_QUEUE")]
    pub queue: String,
    /// Dead letters listed.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub dead: usize,
}

pub fn run(cmd: QueueCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        QueueCommand::Status(a) => {
            let q = Queue::connect(&a.queue, &QueueOptions::default())?;
            let s = q.status()?;
            println!(
                "{}: pending {}, in flight {}, dead {} ({} redelivered)",
                q.url(),
                s.pending,
                s.in_flight,
                s.dead,
                s.redelivered
            );
            for d in q.dead_letters(a.dead)? {
                println!(
                    "dead #{}: {} ({} bytes, {} deliveries): {}",
                    d.sequence, d.source, d.bytes, d.deliveries, d.error
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
