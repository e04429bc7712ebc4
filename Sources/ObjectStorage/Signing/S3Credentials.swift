/// An access key pair, and the session token of temporary credentials.
///
/// - Important: `description` never shows the secret or the token, so a credential printed by
///   mistake (an error, a log line) leaks nothing that grants access.
public struct S3Credentials: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Set for temporary credentials (STS, SSO); sent as `x-amz-security-token`.
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String {
        "access key \(accessKeyID)\(sessionToken == nil ? "" : " (temporary)")"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyID": accessKeyID, "secretAccessKey": "<redacted>"])
    }
}
