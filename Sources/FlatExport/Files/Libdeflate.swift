#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's libdeflate, found at run time.
///
/// libdeflate deflates a whole buffer at level 6 in about half zlib's CPU and to slightly fewer
/// bytes, and compression is most of a run's CPU. It is loaded with `dlopen` rather than linked,
/// so the tool builds without its headers and runs (with zlib) where the library is missing;
/// Debian and Ubuntu ship it (`libdeflate0`) in their base images.
///
/// - Important: `compressor`s are not thread-safe: one per thread.
final class Libdeflate: @unchecked Sendable {
    // Safety: only immutable C function pointers.
    private typealias Alloc = @convention(c) (Int32) -> OpaquePointer?
    private typealias Free = @convention(c) (OpaquePointer?) -> Void
    private typealias Compress = @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int, UnsafeMutableRawPointer?, Int) -> Int
    private typealias Bound = @convention(c) (OpaquePointer?, Int) -> Int

    private let alloc: Alloc
    private let free: Free
    private let compress: Compress
    private let bound: Bound

    /// The library, or nil where the system has none.
    static let system: Libdeflate? = load()

    private static let names = ["libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib", "libdeflate.dylib"]

    private init(alloc: Alloc, free: Free, compress: Compress, bound: Bound) {
        self.alloc = alloc
        self.free = free
        self.compress = compress
        self.bound = bound
    }

    private static func load() -> Libdeflate? {
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let alloc = dlsym(handle, "libdeflate_alloc_compressor"),
                let free = dlsym(handle, "libdeflate_free_compressor"),
                let compress = dlsym(handle, "libdeflate_gzip_compress"),
                let bound = dlsym(handle, "libdeflate_gzip_compress_bound")
            else {
                dlclose(handle)
                continue
            }
            // The handle stays open for the process: the functions are used until it exits.
            return Libdeflate(
                alloc: unsafeBitCast(alloc, to: Alloc.self), free: unsafeBitCast(free, to: Free.self),
                compress: unsafeBitCast(compress, to: Compress.self), bound: unsafeBitCast(bound, to: Bound.self))
        }
        return nil
    }

    /// A compressor for one level (0...12), with its own tables (about 650 KB at level 6).
    func compressor(level: Int32) -> Compressor? {
        alloc(level).map { Compressor(library: self, handle: $0) }
    }

    /// One thread's compressor at one level.
    final class Compressor {
        private let library: Libdeflate
        private let handle: OpaquePointer

        fileprivate init(library: Libdeflate, handle: OpaquePointer) {
            self.library = library
            self.handle = handle
        }

        deinit { library.free(handle) }

        /// Most bytes one gzip member of `count` input bytes can take.
        func bound(_ count: Int) -> Int { library.bound(handle, count) }

        /// Writes `input` as one whole gzip member into `output`; returns its size, or 0 if it
        /// did not fit (never with room for `bound(input.count)`).
        func gzip(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
            library.compress(handle, input.baseAddress, input.count, output.baseAddress, output.count)
        }
    }
}
