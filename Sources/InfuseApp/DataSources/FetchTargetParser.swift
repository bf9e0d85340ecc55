import Foundation
import InfuseCore

/// A wrong endpoint, URL or parameter as typed on the command line.
public struct TargetInputError: UserFacingError, Equatable {
    /// What is wrong and what to do.
    public let userMessage: String
    /// Creates the error.
    public init(_ message: String) { userMessage = message }
}

/// Turns an endpoint id, path or URL and `key=value` parameters (the `fetch`, `preview` and
/// `sources create` arguments) into a `FetchTarget`.
public enum FetchTargetParser {
    /// The target of `text` with `params`.
    /// - Throws: ``TargetInputError`` for a malformed parameter, an unknown endpoint or a missing
    ///   path parameter.
    public static func parse(_ text: String, params: [String]) throws(TargetInputError) -> FetchTarget {
        var values: [String: String] = [:]
        for param in params {
            guard let equals = param.firstIndex(of: "="), equals != param.startIndex else {
                throw TargetInputError("--param \(param) must look like key=value")
            }
            values[String(param[..<equals])] = String(param[param.index(after: equals)...])
        }
        if text.hasPrefix("http://") || text.hasPrefix("https://") {
            guard let url = URL(string: text) else { throw TargetInputError("\(text) is not a valid URL") }
            return .url(url)
        }
        var pathParameters: [String: String] = [:]
        let endpoint: CatalogueEndpoint
        if let byID = EndpointCatalogue.endpoint(id: text) {
            endpoint = byID
        } else {
            let path = text.hasPrefix("/") ? text : (text.hasPrefix("v1/") ? "/" + text : "/v1/" + text)
            guard let match = EndpointCatalogue.endpoint(matchingPath: path) else {
                throw TargetInputError("unknown endpoint \(text): see `infuse endpoints` for the list")
            }
            endpoint = match.endpoint
            pathParameters = match.pathParameters.filter { !$0.value.hasPrefix("{") }
        }
        for name in endpoint.pathParameters where pathParameters[name] == nil {
            guard let value = values.removeValue(forKey: name) else {
                throw TargetInputError("the endpoint \(endpoint.path) needs --param \(name)=VALUE")
            }
            pathParameters[name] = value
        }
        return .endpoint(endpoint, pathParameters: pathParameters, query: values)
    }
}
