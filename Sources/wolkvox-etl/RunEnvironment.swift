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
    /// `WOLKVOX_S3_LEASE_SECONDS`: how long a killed `s3://` run keeps the pipeline (tests
    /// shorten it; the default suits a nightly job).
    static let s3LeaseKey = "WOLKVOX_S3_LEASE_SECONDS"

    /// `options` with what the environment says.
    static func applied(
        to options: RunOptions, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> RunOptions {
        var options = options
        options.tokenLockDirectory = environment[lockDirectoryKey]
        options.gzipEngine = environment[deflateKey] == GzipEngine.zlib.rawValue ? .zlib : .preferred
        if let seconds = environment[s3LeaseKey].flatMap(Int.init), seconds >= 3 { options.s3LeaseTTL = .seconds(seconds) }
        return options
    }
}
