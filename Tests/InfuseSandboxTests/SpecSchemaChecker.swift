import Foundation
import Yams

/// A small JSON-schema checker for the OpenAPI 3.0 subset Keap's v2 spec uses: `type`
/// (object, array, string, integer, number, boolean), `required`, `properties`, `items`, `enum`,
/// `nullable`, `$ref` (local `#/components/...`), `allOf`, and `additionalProperties` where the
/// spec closes an object (`false`) or types its values (a schema).
///
/// One reading is deliberate: a bare `{"type":"object"}` with no `properties` and no
/// `additionalProperties` is Springfox's rendering of Java `Object` (e.g. a custom field's
/// `content`), so it accepts any JSON value.
struct SpecSchemaChecker {
    let document: [String: Any]

    /// `Specs/<name>` at the package root.
    static func load(_ name: String) throws -> SpecSchemaChecker {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Specs").appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        if url.pathExtension == "yml" {
            // swagger.yml (Keap's newer v2 spec, YAML): its `/rest/v2/` paths read as `/v2/`.
            guard var document = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) as? [String: Any],
                  let paths = document["paths"] as? [String: Any]
            else { throw CheckerError.notAnObject }
            document["paths"] = Dictionary(uniqueKeysWithValues: paths.map { path, item in
                (path.hasPrefix("/rest/") ? String(path.dropFirst("/rest".count)) : path, item)
            })
            return SpecSchemaChecker(document: document)
        }
        guard let document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CheckerError.notAnObject
        }
        return SpecSchemaChecker(document: document)
    }

    enum CheckerError: Error {
        case notAnObject
        case noSchema(String)
    }

    /// The 200 `application/json` schema of `GET <path>`.
    func responseSchema(get path: String) throws -> [String: Any] {
        let paths = document["paths"] as? [String: Any]
        let operation = (paths?[path] as? [String: Any])?["get"] as? [String: Any]
        let responses = operation?["responses"] as? [String: Any]
        let ok = responses?["200"] as? [String: Any]
        let content = (ok?["content"] as? [String: Any])?["application/json"] as? [String: Any]
        guard let schema = content?["schema"] as? [String: Any] else { throw CheckerError.noSchema(path) }
        return schema
    }

    /// The `GET <path>` parameter named `name`.
    func parameter(get path: String, _ name: String) -> [String: Any]? {
        let paths = document["paths"] as? [String: Any]
        let operation = (paths?[path] as? [String: Any])?["get"] as? [String: Any]
        let parameters = operation?["parameters"] as? [[String: Any]] ?? []
        return parameters.first { $0["name"] as? String == name }
    }

    /// Every violation of `schema` by `value`, as `<json path>: <problem>`; empty when it conforms.
    func violations(of value: Any, against schema: [String: Any], at path: String = "$") -> [String] {
        let schema = resolve(schema)
        if let all = schema["allOf"] as? [[String: Any]] {
            return all.flatMap { violations(of: value, against: $0, at: path) }
        }
        if value is NSNull {
            return schema["nullable"] as? Bool == true ? [] : ["\(path): null where the schema is not nullable"]
        }
        var problems: [String] = []
        if let allowed = schema["enum"] as? [Any] {
            let matches = allowed.contains { "\($0)" == "\(value)" }
            if !matches { problems.append("\(path): \(value) is not one of \(allowed)") }
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return problems + ["\(path): expected an object"] }
            let properties = schema["properties"] as? [String: Any]
            let additional = schema["additionalProperties"]
            if properties == nil && additional == nil { return problems }
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                problems.append("\(path): missing required \(name)")
            }
            for (name, member) in object {
                if let propertySchema = properties?[name] as? [String: Any] {
                    problems += violations(of: member, against: propertySchema, at: "\(path).\(name)")
                } else if let closed = additional as? Bool, !closed {
                    problems.append("\(path): \(name) is not allowed")
                } else if let valueSchema = additional as? [String: Any] {
                    problems += violations(of: member, against: valueSchema, at: "\(path).\(name)")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return problems + ["\(path): expected an array"] }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() {
                    problems += violations(of: item, against: items, at: "\(path)[\(index)]")
                }
            }
        case "string":
            if !(value is String) { problems.append("\(path): expected a string, got \(value)") }
            if let text = value as? String, schema["format"] as? String == "date-time", !Self.isDateTime(text) {
                problems.append("\(path): \(text) is not an RFC 3339 date-time")
            }
        case "integer":
            if !Self.isNumber(value) || Self.isBoolean(value) || (value as? NSNumber).map({ $0.doubleValue != $0.doubleValue.rounded() }) == true {
                problems.append("\(path): expected an integer, got \(value)")
            }
        case "number":
            if !Self.isNumber(value) || Self.isBoolean(value) { problems.append("\(path): expected a number, got \(value)") }
        case "boolean":
            if !Self.isBoolean(value) { problems.append("\(path): expected a boolean, got \(value)") }
        default:
            break
        }
        return problems
    }

    /// Follows `$ref` chains inside the document.
    func resolve(_ schema: [String: Any]) -> [String: Any] {
        var current = schema
        var hops = 0
        while let reference = current["$ref"] as? String, reference.hasPrefix("#/"), hops < 32 {
            var node: Any = document
            for part in reference.dropFirst(2).split(separator: "/") {
                node = (node as? [String: Any])?[String(part)] ?? [:]
            }
            current = node as? [String: Any] ?? [:]
            hops += 1
        }
        return current
    }

    static func isNumber(_ value: Any) -> Bool { value is NSNumber }

    /// JSONSerialization's booleans are NSNumbers of the boolean type.
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return type(of: number) == type(of: NSNumber(value: true)) && String(cString: number.objCType) == "c"
    }

    static func isDateTime(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
    }
}
