export const id = 994;
export const ids = [994];
export const modules = {

/***/ 8994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pythonBehaviours: () => (/* binding */ pythonBehaviours)
/* harmony export */ });
/* harmony import */ var _lezer_python__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3664);

const DECODERS = /^(?:base64\.\w*decode\w*|codecs\.decode|zlib\.decompress|bz2\.decompress|lzma\.decompress|gzip\.decompress|binascii\.(?:unhexlify|a2b_\w+)|bytes\.fromhex|marshal\.loads)$/;
const EXECUTORS = /^(?:builtins\.)?(?:exec|eval|compile)$/;
const LOADERS = /^(?:marshal\.loads|pickle\.loads|_?pickle\.loads|dill\.loads)$/;
const NETWORK = /^(?:urllib\.request\.\w+|urllib\.urlopen|urllib2\.\w+|http\.client\.\w+|httplib\.\w+|socket\.(?:socket|create_connection)|requests\.(?:get|post|put|patch|delete|head|request|Session)|httpx\.\w+|aiohttp\.(?:ClientSession|request)|urllib3\.\w+|ftplib\.FTP|smtplib\.SMTP\w*|telnetlib\.Telnet)$/;
const PROCESS = /^(?:subprocess\.(?:run|call|Popen|check_output|check_call|getoutput|getstatusoutput)|os\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork)|pty\.spawn|commands\.getoutput)$/;
/** The behaviours of one Python file; a file that does not parse is read as far as the parser gets. */
function pythonBehaviours(path, text) {
    const tree = _lezer_python__WEBPACK_IMPORTED_MODULE_0__/* .parser */ .K.parse(text);
    const aliases = importAliases(tree.topNode, text);
    assignedAliases(tree.topNode, text, aliases);
    const decoded = namesAssignedFrom(tree.topNode, text, aliases, DECODERS);
    const found = [];
    tree.topNode.cursor().iterate(node => {
        if (node.name !== 'CallExpression')
            return;
        const call = node.node;
        const name = calleeName(call, text, aliases);
        if (!name)
            return;
        const behaviour = classify(call, name, text, aliases, decoded);
        if (!behaviour)
            return;
        found.push({
            path,
            line: lineAt(text, call.from),
            behaviour,
            call: name,
            level: runsOnImport(call, text) ? 'module' : 'function'
        });
    });
    return found;
}
function classify(call, name, text, aliases, decoded) {
    const args = call.getChild('ArgList');
    if (EXECUTORS.test(name) && args && executesDecoded(args, text, aliases, decoded))
        return 'decode-execute';
    if (LOADERS.test(name) && args && hasLiteralBytes(args, text, aliases))
        return 'decode-execute';
    if (NETWORK.test(name))
        return args && passesEnvironment(args, text, aliases) ? 'environment' : 'network';
    if (PROCESS.test(name))
        return args && passesEnvironment(args, text, aliases) ? 'environment' : 'process';
    if (args && passesEnvironment(args, text, aliases) && /\.write$|^json\.dump$/.test(name))
        return 'environment';
    return undefined;
}
/** `exec(b64decode(…))`, `exec(zlib.decompress(…))`, or `exec(payload)` where payload was decoded. */
function executesDecoded(args, text, aliases, decoded) {
    let hit = false;
    args.cursor().iterate(node => {
        if (hit)
            return false;
        if (node.name === 'CallExpression' && DECODERS.test(calleeName(node.node, text, aliases) ?? ''))
            hit = true;
        if (node.name === 'VariableName' && decoded.has(text.slice(node.from, node.to)))
            hit = true;
        return undefined;
    });
    return hit;
}
/**
 * `pickle.loads(b"…")`, or of bytes a decoder has just made (`pickle.loads(base64.b64decode(…))`):
 * the callee decides, so a round trip such as `pickle.loads(pickle.dumps(json_decode_error))` in
 * requests' tests is no payload.
 */
function hasLiteralBytes(args, text, aliases) {
    const first = args.firstChild?.nextSibling;
    if (first?.name === 'String')
        return true;
    if (first?.name !== 'CallExpression')
        return false;
    const callee = calleeName(first, text, aliases) ?? '';
    return (DECODERS.test(callee) || /(?:^|\.)(?:\w*decode\w*|decompress|fromhex|unhexlify)$/.test(callee));
}
/** The whole `os.environ` (not one variable read from it) handed to a call. */
function passesEnvironment(args, text, aliases) {
    let hit = false;
    args.cursor().iterate(node => {
        if (hit)
            return false;
        if (node.name !== 'MemberExpression' && node.name !== 'VariableName')
            return undefined;
        if (qualified(node.node, text, aliases) !== 'os.environ')
            return undefined;
        if (!readsOneVariable(node.node, text))
            hit = true;
        return false;
    });
    return hit;
}
/** `os.environ["X"]`, `os.environ.get("X")`: one variable, not the environment. */
function readsOneVariable(environ, text) {
    const parent = environ.parent;
    if (parent?.name !== 'MemberExpression' || parent.firstChild?.from !== environ.from)
        return false;
    const rest = text.slice(environ.to, parent.to).trim();
    return rest.startsWith('[') || /^\.(?:get|setdefault|__getitem__)$/.test(rest);
}
/** Runs when the module is imported: not inside a function or lambda, nor under `if __name__ == "__main__"`. */
function runsOnImport(node, text) {
    for (let at = node.parent; at; at = at.parent) {
        if (at.name === 'FunctionDefinition' || at.name === 'LambdaExpression')
            return false;
        if (at.name === 'IfStatement' && onlyAsScript(at, text))
            return false;
    }
    return true;
}
/** `if __name__ == "__main__":`, also as one `and` term (`if sys.platform != "win32" and __name__ …`). */
function onlyAsScript(statement, text) {
    const body = statement.getChild('Body');
    const condition = text.slice(statement.from, body ? body.from : statement.to);
    const main = /__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__/;
    return main.test(condition) && !/\bor\b/.test(condition);
}
/** `import a.b as c` → c: a.b; `import a.b` → a: a; `from x import y as z` → z: x.y. */
function importAliases(top, text) {
    const aliases = new Map();
    top.cursor().iterate(node => {
        if (node.name !== 'ImportStatement')
            return undefined;
        const source = text
            .slice(node.from, node.to)
            .replace(/\s+/g, ' ')
            .replace(/[()\\]/g, '');
        const from = /^from\s+([\w.]+)\s+import\s+(.+)$/.exec(source);
        if (from) {
            for (const part of (from[2] ?? '').split(',')) {
                const [name = '', alias] = part.trim().split(/\s+as\s+/);
                if (name && name !== '*')
                    aliases.set(alias ?? name, `${from[1]}.${name}`);
            }
        }
        else {
            for (const part of source.replace(/^import\s+/, '').split(',')) {
                const [name = '', alias] = part.trim().split(/\s+as\s+/);
                if (alias)
                    aliases.set(alias, name);
                else if (name)
                    aliases.set(name.split('.')[0] ?? name, name.split('.')[0] ?? name);
            }
        }
        return false;
    });
    return aliases;
}
/** Names bound to the result of a matching call (`payload = base64.b64decode(…)`), anywhere in the file. */
function namesAssignedFrom(top, text, aliases, pattern) {
    const names = new Set();
    top.cursor().iterate(node => {
        if (node.name !== 'AssignStatement')
            return undefined;
        const target = node.node.firstChild;
        const value = node.node.lastChild;
        if (target?.name !== 'VariableName' || !value)
            return undefined;
        let hit = false;
        value.cursor().iterate(inner => {
            if (inner.name === 'CallExpression' &&
                pattern.test(calleeName(inner.node, text, aliases) ?? ''))
                hit = true;
        });
        if (hit)
            names.add(text.slice(target.from, target.to));
        return undefined;
    });
    return names;
}
/** The resolved name of what is called; `(…).write` when only the method is a plain name. */
function calleeName(call, text, aliases) {
    const callee = call.firstChild;
    if (!callee)
        return undefined;
    const name = qualified(callee, text, aliases);
    if (name || callee.name !== 'MemberExpression')
        return name;
    const property = callee.lastChild;
    return property?.name === 'PropertyName'
        ? `(…).${text.slice(property.from, property.to)}`
        : undefined;
}
/** `sp.Popen` → `subprocess.Popen` when `import subprocess as sp`; undefined for anything not a name path. */
function qualified(node, text, aliases) {
    if (node.name === 'VariableName') {
        const name = text.slice(node.from, node.to);
        return aliases.get(name) ?? name;
    }
    if (node.name === 'ParenthesizedExpression') {
        const inner = node.firstChild?.nextSibling;
        return inner ? qualified(inner, text, aliases) : undefined;
    }
    if (node.name === 'CallExpression')
        return importedByName(node, text, aliases);
    if (node.name !== 'MemberExpression')
        return undefined;
    const object = node.firstChild;
    const property = node.lastChild;
    if (!object || property?.name !== 'PropertyName')
        return undefined;
    const head = qualified(object, text, aliases);
    return head ? withoutBuiltins(`${head}.${text.slice(property.from, property.to)}`) : undefined;
}
/** `builtins.exec`, `__builtins__.exec`: the builtin itself. */
const withoutBuiltins = (name) => name.replace(/^(?:builtins|__builtins__)\.(?=\w+$)/, '');
/**
 * What a call with constant strings names as Python runs it: `__import__('zlib')` and
 * `importlib.import_module('zlib')` the module, `getattr(os, 'system')` the attribute.
 */
function importedByName(call, text, aliases) {
    const callee = call.firstChild;
    const args = call.getChild('ArgList');
    if (!callee || !args)
        return undefined;
    const name = qualified(callee, text, aliases);
    const values = args.getChildren('String').map(s => text.slice(s.from, s.to));
    const constant = /^['"]([\w.]+)['"]$/.exec(values[0] ?? '')?.[1];
    if (!constant)
        return undefined;
    if (name === '__import__' || name === 'importlib.import_module')
        return constant;
    if (name !== 'getattr')
        return undefined;
    const object = args.firstChild?.nextSibling;
    const head = object && qualified(object, text, aliases);
    return head ? withoutBuiltins(`${head}.${constant}`) : undefined;
}
/**
 * `run = subprocess.Popen` and `_ = lambda b: zlib.decompress(b)`: the name stands for what it is bound
 * to (a lambda for the call it makes), in assignment order, so aliases of aliases resolve.
 */
function assignedAliases(top, text, aliases) {
    top.cursor().iterate(node => {
        if (node.name !== 'AssignStatement')
            return undefined;
        const target = node.node.firstChild;
        let value = node.node.lastChild;
        if (target?.name !== 'VariableName' || !value || target.nextSibling?.nextSibling !== value)
            return undefined;
        if (value.name === 'LambdaExpression')
            value = value.lastChild;
        const bound = value?.name === 'CallExpression'
            ? (importedByName(value, text, aliases) ?? calleeName(value, text, aliases))
            : value && qualified(value, text, aliases);
        const name = text.slice(target.from, target.to);
        if (bound && bound !== name && /^[\w.]+$/.test(bound))
            aliases.set(name, bound);
        return undefined;
    });
}
function lineAt(text, offset) {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1))
        line++;
    return line;
}


/***/ })

};

//# sourceMappingURL=994.index.js.map