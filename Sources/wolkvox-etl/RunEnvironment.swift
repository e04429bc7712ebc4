import FlatExport
import Foundation
import WolkvoxETL

/// The environment variables that shape a run; the libraries read none themselves.
enum RunEnvironment {
    /// `WOLKVOX_LOCK_DIR`: where runs sharing a token meet (tests give each run its own).
    static let lockDirectoryKey = "WOLKVOX_LOCK_DIR"
    /// `WOLKVOX_ETL_DEFLATE=zlib` forces zlib (the bytes differ from libdeflate's; a dataset
    /// landed by one keeps its files' identity with it).
    static let deflateKey = "WOLKVOX_ETL_DEFLATE"

    /// `options` with what the environment says.
    static func applied(
        to options: RunOptions, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> RunOptions {
        var options = options
        options.tokenLockDirectory = environment[lockDirectoryKey]
        options.gzipEngine = environment[deflateKey] == GzipEngine.zlib.rawValue ? .zlib : .preferred
        return options
    }
}
