import FlatExport
import Foundation

/// The environment's say in how gzip files are deflated: `WOLKVOX_ETL_DEFLATE=zlib` forces zlib
/// (the bytes differ from libdeflate's; a dataset landed by one keeps its files' identity with it).
enum DeflateEnvironment {
    static let key = "WOLKVOX_ETL_DEFLATE"

    /// zlib when the environment asks for it, else the fastest engine the system has.
    static func engine(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> GzipEngine {
        environment[key] == GzipEngine.zlib.rawValue ? .zlib : .preferred
    }
}
