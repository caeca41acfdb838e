"""Text a note-taker can paste that breaks naive code: controls, escapes, markup, right to left, huge."""

from __future__ import annotations

#: One of each kind of trouble a note-taker can paste. Each starts with a marker so the
#: PDF test can find it; the 200,000-character point is the last.
CORPUS = [
    "H00 controls \x00NUL \x01\x02\x03\x04\x05\x06\x07\x08 \x0b\x0c \x0e\x0f\x10\x11\x12\x13\x14\x15\x16"
    "\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f DEL\x7f C1\x80\x85\x9f end",
    "H01 lone surrogates \ud800 and \udfff and \udc80\ud7ff",
    "H02 escapes \x1b[31mred\x1b[0m \x1b]0;window title\x07 \x1b[2J\x1b[H clear \x1bc reset \x9b31m",
    "H03 markup [bold]not bold[/bold] [/] [link=https://x]y[/link] [@click=quit]q[/] "
    "<b>b</b> <script>alert(1)</script> &amp; &copy; &#0; ]]> <![CDATA[x]]> {{x}} ${x} %s %n {0}",
    "H04 markdown * _ ` # > | ~ \\ [a](javascript:alert(1)) ![i](x.png) ---",
    "H05 right to left \u0645\u062d\u0636\u0631 \u0627\u0644\u0627\u062c\u062a\u0645\u0627\u0639 "
    "\u05e4\u05e8\u05d5\u05d8\u05d5\u05e7\u05d5\u05dc \u202eevil\u202c \u2067isolate\u2069 \u200f\u200e",
    "H06 emoji \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 \U0001f44d\U0001f3fd "
    "\U0001f1ec\U0001f1e7 \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f "
    "1\ufe0f\u20e3 Z\u0351\u0352\u0353\u0354\u0355a\u0308\u0301\u0302lgo",
    "H07 paths ../../etc/passwd /dev/null C:\\Windows\\System32 \\\\server\\share ~/.ssh/id_rsa "
    "file:///etc/shadow CON NUL.txt a/b\\c",
    "=H08 formula",
    "+H09 formula",
    "-H10 formula",
    "@H11 formula",
    "\tH12 formula",
    "\rH13 formula",
    '=HYPERLINK("http://evil.example","H14 click")',
    "H15 sql '; DROP TABLE meetings; -- \" OR 1=1 /* */",
    "H16 whitespace \u2028 line sep \u2029 para sep \u00a0 nbsp \u200b zwsp \ufeff bom \u3000 ideographic",
    "H17 noncharacters \ufffe \uffff \ufdd0 \U0010ffff \U0001fffe",
    "H18 lines\nsecond line\r\nthird line\rfourth\ttabbed\t\tend\n",
    "   ",
    "",
    "H19 long " + "x" * 200_000,
]
