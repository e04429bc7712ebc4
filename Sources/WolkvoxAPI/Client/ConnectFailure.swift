import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a connection to the server could not be opened at all, read from what SwiftNIO threw.
///
/// These failures say nothing about one request: every request to the same host fails alike,
/// so they are told apart from the transient ones (a reset mid-answer) that are worth a retry.
enum ConnectFailure: Sendable, Equatable {
    /// The host name does not resolve: a mistyped name, or no DNS on this machine.
    case hostNotFound
    /// The address answered, but nothing listens on the port (or a firewall rejects it).
    case refused

    /// The failure `error` stands for, or nil for any other error.
    ///
    /// SwiftNIO throws `NIOConnectionError` when it looked a name up (its DNS errors, or one
    /// error per address tried), and a bare `IOError` when the host was an address literal.
    init?(_ error: any Error) {
        switch error {
        case let error as NIOConnectionError:
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                self = .hostNotFound
            } else if !error.connectionErrors.isEmpty,
                error.connectionErrors.allSatisfy({ Self.isRefusal($0.error) })
            {
                self = .refused
            } else {
                return nil
            }
        case SocketAddressError.unknown:
            self = .hostNotFound
        default:
            guard Self.isRefusal(error) else { return nil }
            self = .refused
        }
    }

    private static func isRefusal(_ error: any Error) -> Bool {
        guard let error = error as? IOError else { return false }
        return error.errnoCode == ECONNREFUSED
    }
}
