/// An access key pair, and the session token of temporary credentials.
///
/// - Important: `description` never shows the secret or the token, so a credential printed by
///   mistake (an error, a log line) leaks nothing that grants access.
package struct S3Credentials: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    package var accessKeyID: String
    package var secretAccessKey: String
    /// Set for temporary credentials (STS, SSO); sent as `x-amz-security-token`.
    package var sessionToken: String?

    package init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    package var description: String {
        "access key \(accessKeyID)\(sessionToken == nil ? "" : " (temporary)")"
    }

    package var customMirror: Mirror {
        Mirror(self, children: ["accessKeyID": accessKeyID, "secretAccessKey": "<redacted>"])
    }
}
