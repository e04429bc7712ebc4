import WolkvoxAPI

/// The pipeline's side of an API failure: WolkvoxAPI says what the server did, in its own terms;
/// here it gains the pipeline keys to check and what becomes of the run.
extension ETLError {
    /// The error that ends the run for an API failure every later request would meet alike
    /// (a refused token, a spent quota, a server that cannot be reached); nil when only the
    /// window fails.
    init?(endingRunOn error: WolkvoxAPIError) {
        switch error.kind {
        case .tokenRefused:
            self.init(.auth, "\(error): check source.token (WOLKVOX_TOKEN) and that it belongs to this server")
        case .quotaExceeded:
            self.init(.quota, "\(error): run again tomorrow; landed days are kept")
        case .hostNotFound:
            self.init(
                .unreachable,
                "\(error): check source.server (\"0002\" means wv0002.wolkvox.com) or source.base_url; landed days are kept")
        case .connectionRefused:
            self.init(
                .unreachable,
                "\(error): check source.server or source.base_url (and its port); landed days are kept, run again once the server is up")
        default:
            return nil
        }
    }

    /// Why a window failed once its tries are spent, with the pipeline keys that may be wrong.
    static func reason(windowFailedWith error: WolkvoxAPIError) -> String {
        guard error.kind == .badRequest else { return error.description }
        if error.httpStatus == 404 { return "\(error): check source.server or source.base_url" }
        return "\(error): check source.report and its dates"
    }
}
