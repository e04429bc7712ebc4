import ArgumentParser
import Foundation
import Synchronization
import WolkvoxETL

/// Shows a run's progress on stderr: a live line on a terminal, plain lines every 10 s and at
/// each landed day off one (cron, CI logs).
final class ProgressDisplay: Sendable {
    enum Mode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    private let live: Bool
    private let enabled: Bool
    /// When the last plain line was written and how many days it showed; the lock also keeps
    /// lines from two windows' updates from interleaving on stderr.
    private let plain = Mutex<(at: Date, days: Int)>((Date.distantPast, 0))

    init(mode: Mode) {
        let terminal = isatty(STDERR_FILENO) == 1
        enabled = mode != .never
        live = mode == .always || (mode == .auto && terminal)
    }

    func update(_ progress: RunProgress) {
        guard enabled else { return }
        plain.withLock { last in
            if live {
                // The cursor goes back to the line's start: a log line written meanwhile (days
                // land beside the requests, in tasks of their own) then starts a line of its
                // own, over the progress, instead of being glued after it.
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + progress.line + "\r").utf8))
            } else if progress.daysLanded != last.days || Date().timeIntervalSince(last.at) >= 10 {
                last = (Date(), progress.daysLanded)
                FileHandle.standardError.write(Data((progress.line + "\n").utf8))
            }
        }
    }

    /// Ends a live line so the summary starts on its own line.
    func finish() {
        guard enabled, live else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
