#if canImport(Glibc)
import Glibc
#endif

/// Keeps the process's memory flat over a long backfill.
///
/// glibc raises its mmap threshold each time a large block is freed, after which the tool's
/// 64-128 KB buffers (response chunks, gzip blocks) come from the heap and, freed by another
/// thread, stay resident: peak RSS crept from 44 MB to 67 MB over a 19-month backfill. A fixed
/// threshold gives those buffers back at once (55 MB for the same run).
enum MemoryTuning {
    static func apply() {
        #if canImport(Glibc)
        // `mallopt` is in <malloc.h>, which the Glibc module does not import; looked up by name
        // (M_MMAP_THRESHOLD is -3 in glibc's malloc.h).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 128 * 1024)
        #endif
    }
}
