import Foundation
import WolkvoxETL

/// The environment variables that shape a run; the libraries read none themselves.
enum RunEnvironment {
    /// `WOLKVOX_LOCK_DIR`: where runs sharing a token meet (tests give each run its own).
    static var tokenLockDirectory: String? { ProcessInfo.processInfo.environment["WOLKVOX_LOCK_DIR"] }

    /// `options` with what the environment says.
    static func applied(to options: RunOptions) -> RunOptions {
        var options = options
        options.tokenLockDirectory = tokenLockDirectory
        return options
    }
}
