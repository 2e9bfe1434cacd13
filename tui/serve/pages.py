"""The browser door's pages: sign-in, the app, a full room, a session that has ended.
Every word in both languages; every address relative (nothing is fetched from elsewhere:
on a network that drops foreign requests, a page waiting for one would not appear)."""

from __future__ import annotations

from html import escape

from tui.i18n import other_lang
from tui.i18n import room_words as words
from tui.serve.limits import span

STYLE = """
@font-face { font-family: "Roboto Mono"; font-weight: 100 900;
  src: url("static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 900;
  src: url("static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
html, body { margin: 0; height: 100%; background: #0c181f; color: #e6edf3;
  font: 16px/1.5 "Roboto Mono", "Noto Sans Mono CJK SC", "PingFang SC", monospace; }
main { max-width: 38em; margin: 12vh auto; padding: 0 1.5em; }
h1 { font-size: 1.3em; } .other { color: #8b98a5; font-size: 0.9em; }
input[type=password] { width: 100%; padding: 0.5em; font: inherit; margin: 0.3em 0 1em; }
button, .button { padding: 0.6em 1.6em; font: inherit; background: #5e0ba7; color: #fff;
  border: none; cursor: pointer; text-decoration: none; display: inline-block; }
.error { color: #ff7b72; } fieldset { border: none; padding: 0; margin: 0 0 1em; }
a { color: #79c0ff; }
#terminal { position: absolute; inset: 0; }
.overlay { position: absolute; inset: 0; display: flex; align-items: center;
  justify-content: center; text-align: center; background: #0c181f; z-index: 10; }
body.-first-byte .starting { display: none; }
.ended { display: none; } body.-closed .ended { display: flex; }
"""


def _page(lang: str, body: str, *, head: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            f'<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
            f"<title>{escape(words('title', lang))}</title><style>{STYLE}</style>{head}"
            f"</head><body>{body}</body></html>\n")


def both(key: str, lang: str, limit: float | None = None, **values: object) -> str:
    """The message in the visitor's language, then in the other one (``limit``: seconds,
    said as each language says a length of time)."""
    def said(code: str) -> str:
        extra = {"t": span(limit, code)} if limit is not None else {}
        return escape(words(key, code, **values, **extra))

    return (f"<p>{said(lang)}</p>"
            f'<p class="other" lang="{other_lang(lang)}">{said(other_lang(lang))}</p>')


def _languages(lang: str) -> str:
    return (f'<p class="other">{escape(words("language", lang))}: '
            f'<a href="?lang=en">English</a> · <a href="?lang=zh">中文</a></p>')


def sign_in(lang: str, error: str | None = None, notice: str = "") -> str:
    """The password page; ``error``: a key of TEXT; ``notice``: a message already made."""
    problem = f'<p class="error" role="alert">{escape(words(error, lang))}</p>' if error else ""
    body = (f"<main><h1>{escape(words('title', lang))}</h1>{notice}"
            f"<p>{escape(words('intro', lang))}</p>{problem}"
            f'<form method="post" action="signin">'
            # For password managers: the room has one password and no user names.
            f'<input type="text" name="username" value="room" autocomplete="username" hidden>'
            f'<label for="password">{escape(words("password", lang))}</label>'
            f'<input id="password" name="password" type="password" autofocus required '
            f'autocomplete="current-password">'
            f'<fieldset><legend>{escape(words("language", lang))}</legend>'
            + "".join(f'<label><input type="radio" name="lang" value="{code}"'
                      f'{" checked" if code == lang else ""}> {name}</label> '
                      for code, name in (("en", "English"), ("zh", "中文")))
            + f'</fieldset><button type="submit">{escape(words("enter", lang))}</button>'
            f"</form></main>")
    return _page(lang, body)


def message(key: str, lang: str, *, again: str | None = "again",
            limit: float | None = None, **values: object) -> str:
    """A page that says one thing (a full room, a session that ended), in both languages;
    ``again``: the words of its button back in, if it has one."""
    button = (f'<p><a class="button" href="./?lang={lang}">{escape(words(again, lang))}</a>'
              f"</p>" if again else "")
    return _page(lang, f"<main><h1>{escape(words('title', lang))}</h1>"
                       f"{both(key, lang, limit, **values)}{button}{_languages(lang)}</main>")


def app(lang: str) -> str:
    """The app's page: textual-serve's terminal (xterm.js), its websocket made on this very
    origin (``ws`` below this page's own path)."""
    script = ("<script>"
              # Why a session ended: the room says so in a message the terminal's own
              # script ignores, just before it closes the socket.
              "const Native=window.WebSocket;"
              "window.WebSocket=function(url,protocols){"
              "const ws=protocols===undefined?new Native(url):new Native(url,protocols);"
              "ws.addEventListener('message',e=>{"
              "if(typeof e.data!=='string')return;"
              "if(e.data.startsWith('[\"ended\"')){"
              "try{document.getElementById('why').textContent=JSON.parse(e.data)[1];}"
              "catch(_){}}"
              # A file the app hands over (save-as): downloaded by this page itself, as a
              # link would be; the terminal's script would open a window, which browsers
              # block when no click asked for it.
              "else if(e.data.startsWith('[\"deliver_file_start\"')){"
              "e.stopImmediatePropagation();"
              "const a=document.createElement('a');"
              "a.href='download/'+encodeURIComponent(JSON.parse(e.data)[1]);"
              "a.download='';document.body.appendChild(a);a.click();a.remove();}"
              "});return ws;};"
              "window.WebSocket.prototype=Native.prototype;"
              "document.addEventListener('DOMContentLoaded',()=>{"
              "const u=new URL('ws',location.href);"
              "u.protocol=location.protocol==='https:'?'wss:':'ws:';"
              "document.getElementById('terminal').dataset.sessionWebsocketUrl=u.href;"
              # Keys go to the terminal from its first frame, with no click needed.
              "const seen=new MutationObserver(()=>{"
              "if(!document.body.classList.contains('-first-byte'))return;"
              "const keys=document.querySelector('.xterm-helper-textarea');"
              "if(keys){keys.focus();seen.disconnect();}});"
              "seen.observe(document.body,{attributes:true});});"
              "</script>")
    head = ('<link rel="stylesheet" href="static/css/xterm.css">'
            f'{script}<script src="static/js/textual.js"></script>')
    body = (f'<div class="overlay starting"><p>{escape(words("loading", lang))}</p></div>'
            f'<div class="overlay ended"><div><p id="why">{escape(words("ended", lang))}</p>'
            f'<p><a class="button" href="./?lang={lang}">{escape(words("again", lang))}</a>'
            f"</p></div></div>"
            '<div id="terminal" class="textual-terminal" data-font-size="16"></div>')
    return _page(lang, body, head=head)
