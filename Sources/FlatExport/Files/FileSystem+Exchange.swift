#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystem {
    /// Swaps two existing paths in one step, so a reader sees one or the other, never neither.
    ///
    /// Linux `renameat2(..., RENAME_EXCHANGE)`. Swift's Glibc module exports neither `renameat2`
    /// nor `SYS_renameat2` (and `syscall` is variadic, so not callable), hence the symbol is
    /// looked up at run time; glibc has had it since 2.28.
    /// - Returns: false when this system or file system cannot exchange (the caller falls back
    ///   to two renames); throws for real failures.
    static func exchange(_ first: String, _ second: String) throws -> Bool {
        #if os(Linux)
        guard let renameat2 = RenameAt2.function else { return false }
        let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE from <linux/fs.h>
        if renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 { return true }
        let failure = errno
        if failure == ENOSYS || failure == EINVAL { return false }
        throw FlatExportError.system(failure, "exchanging \(first) with", path: second)
        #else
        return false
        #endif
    }
}

#if os(Linux)
private enum RenameAt2 {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

    static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
#endif
