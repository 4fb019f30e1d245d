// The bench's baseline: a custom text editor whose webview is one static page with one control, no script, no state,
// no round trip. Opening it costs what VS Code's webview costs and nothing of ours, so `npm run bench` can give the
// schedule editor's open-to-input time as a ratio to it, in the same window and run. Two view types: one without and
// one with retainContextWhenHidden (the schedule editor's setting), to tell whether hidden webviews kept alive slow
// later opens down.
'use strict';
const vscode = require('vscode');

const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<title>Blank</title></head>
<body><label>Blank <select data-key="blank"><option>ready</option></select></label></body></html>`;

function provider() {
  return {
    resolveCustomTextEditor(_doc, panel) {
      panel.webview.options = { enableScripts: true };
      panel.webview.html = PAGE;
    },
  };
}

function activate(context) {
  const openWith = (viewType) => () => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const uri = input && input.uri;
    if (uri) return vscode.commands.executeCommand('vscode.openWith', uri, viewType);
    return undefined;
  };
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider('benchBlank.editor', provider()),
    vscode.window.registerCustomEditorProvider('benchBlank.retained', provider(), {
      webviewOptions: { retainContextWhenHidden: true },
    }),
    vscode.commands.registerCommand('benchBlank.open', openWith('benchBlank.editor')),
    vscode.commands.registerCommand('benchBlank.openRetained', openWith('benchBlank.retained')),
  );
}

module.exports = { activate, deactivate() {} };
