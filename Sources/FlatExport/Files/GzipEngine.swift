/// The deflate implementation behind gzip files. Both write files that `gzip -t`, `zcat`,
/// Python's gzip module, pandas, DuckDB and Spark read alike; their bytes differ.
package enum GzipEngine: String, Sendable, Hashable, CaseIterable {
    /// zlib: 128 KB blocks, each primed with the previous block's last 32 KB (as pigz does), in
    /// one gzip member.
    case zlib
    /// libdeflate: one gzip member per 512 KB block (as BGZF does), which readers decompress as
    /// one stream. About half zlib's CPU at the same level, and slightly smaller files.
    case libdeflate

    /// libdeflate where the system has it, else zlib.
    package static let preferred: GzipEngine = GzipEngine.libdeflate.isAvailable ? .libdeflate : .zlib

    /// The engines that can run here: zlib always, libdeflate where the system has it.
    package static var available: [GzipEngine] { allCases.filter(\.isAvailable) }

    /// Whether this engine can run here.
    package var isAvailable: Bool {
        switch self {
        case .zlib: true
        case .libdeflate: Libdeflate.system != nil
        }
    }
}
