"""Newslens notebook helper: open a Newslens output folder and query its Parquet tables with DuckDB SQL.

    from newslens_nb import Output
    out = Output()                     # $NEWSLENS_OUTPUT, else the folder `bin/newslens run` writes for seeds/
    df = out.sql("SELECT source, count(*) n FROM {documents} GROUP BY 1 ORDER BY n DESC")

`{table}` in a query stands for `read_parquet('<output>/<table>/*.parquet')`. DuckDB runs through the `duckdb`
Python package where it is installed, else through DuckDB's JDBC driver with JPype (Debian's python3-jpype), so the
notebooks also run where PyPI is out of reach. Nothing here uses the network. Aggregate in SQL before pulling rows:
the JDBC path converts about 400k values per second.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import glob
import json
import os
import re
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DUCKDB_JDBC_VERSION = "1.4.4.0"


def default_output() -> Path:
    return Path(os.environ.get("NEWSLENS_OUTPUT") or (REPO / "out")).resolve()


class Output:
    """One Newslens output folder: its manifest and its tables."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path).resolve() if path else default_output()
        manifest = self.path / "manifest.json"
        if not manifest.is_file():
            raise FileNotFoundError(
                f"{self.path} is not a Newslens output (no manifest.json). Run `bin/newslens run` first, "
                "or set NEWSLENS_OUTPUT to an output folder.")
        self.manifest = json.loads(manifest.read_text(encoding="utf-8"))
        self._db = _connect()

    def tables(self) -> list[str]:
        return sorted(p.name for p in self.path.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))

    def has(self, table: str) -> bool:
        d = self.path / table
        return d.is_dir() and any(d.glob("*.parquet"))

    def ref(self, table: str) -> str:
        if not self.has(table):
            raise FileNotFoundError(f"table '{table}' is not in {self.path} (tables: {', '.join(self.tables())})")
        return "read_parquet('" + str(self.path / table / "*.parquet").replace("'", "''") + "')"

    def sql(self, query: str) -> pd.DataFrame:
        names = set(re.findall(r"\{(\w+)\}", query))
        return self._db.query(query.format(**{n: self.ref(n) for n in names}))


# ---- DuckDB back ends --------------------------------------------------------------------------------------

def _connect():
    try:
        import duckdb  # noqa: F401
        return _PyDuck()
    except ImportError:
        return _JdbcDuck()


class _PyDuck:
    def __init__(self):
        import duckdb
        self.con = duckdb.connect()

    def query(self, q: str) -> pd.DataFrame:
        return self.con.execute(q).df()


def _find_duckdb_jar() -> str:
    env = os.environ.get("NEWSLENS_DUCKDB_JAR")
    if env and Path(env).is_file():
        return env
    m2 = Path(os.environ.get("MAVEN_REPO", Path.home() / ".m2" / "repository"))
    found = sorted(glob.glob(str(m2 / "org" / "duckdb" / "duckdb_jdbc" / "*" / "duckdb_jdbc-*.jar")))
    if found:
        return found[-1]
    raise FileNotFoundError(
        "DuckDB is needed to read Parquet: install the `duckdb` Python package, or fetch the JDBC driver with "
        f"`mvn dependency:get -Dartifact=org.duckdb:duckdb_jdbc:{DUCKDB_JDBC_VERSION}` (or set NEWSLENS_DUCKDB_JAR).")


class _JdbcDuck:
    def __init__(self):
        import jpype
        import jpype.imports  # noqa: F401
        if not jpype.isJVMStarted():
            cp = [_find_duckdb_jar()]
            if Path("/usr/share/java/org.jpype.jar").is_file():  # Debian's JPype needs its own jar on the path
                cp.append("/usr/share/java/org.jpype.jar")
            jpype.startJVM(classpath=cp, convertStrings=True)
        from java.sql import DriverManager
        self.con = DriverManager.getConnection("jdbc:duckdb:")

    def query(self, q: str) -> pd.DataFrame:
        st = self.con.createStatement()
        try:
            rs = st.executeQuery(q)
            md = rs.getMetaData()
            n = md.getColumnCount()
            cols = [str(md.getColumnLabel(i + 1)) for i in range(n)]
            types = [str(md.getColumnTypeName(i + 1)).upper() for i in range(n)]
            rows = []
            while rs.next():
                rows.append([_py(rs.getObject(i + 1)) for i in range(n)])
            df = pd.DataFrame(rows, columns=cols)
            for c, t in zip(cols, types):
                if t.startswith(("TIMESTAMP", "DATE")):
                    df[c] = pd.to_datetime(df[c], utc=t.endswith("WITH TIME ZONE"))
                elif t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
                    df[c] = pd.to_numeric(df[c])
                elif t in ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER"):
                    df[c] = pd.to_numeric(df[c]) if df[c].notna().all() else df[c].astype("Float64")
            return df
        finally:
            st.close()


def _py(v):
    """A Java value from DuckDB's JDBC driver as a plain Python value."""
    if v is None:
        return None
    if isinstance(v, (str, int, float, bool)):
        return v
    cls = str(v.getClass().getName())
    if cls in ("java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.math.BigInteger"):
        return int(v.toString())
    if cls in ("java.lang.Double", "java.lang.Float"):
        return float(v.doubleValue())
    if cls == "java.math.BigDecimal":
        return float(decimal.Decimal(str(v.toString())))
    if cls == "java.lang.Boolean":
        return bool(v.booleanValue())
    if cls == "java.lang.String":
        return str(v)
    if cls in ("java.sql.Timestamp",):
        return pd.Timestamp(str(v.toLocalDateTime().toString()))
    if cls in ("java.time.LocalDateTime", "java.time.LocalDate", "java.time.OffsetDateTime", "java.sql.Date"):
        return pd.Timestamp(str(v.toString()))
    if cls.endswith("DuckDBArray") or cls == "java.sql.Array" or hasattr(v, "getArray") and "Array" in cls:
        return [_py(x) for x in v.getArray()]
    if cls.endswith("DuckDBStruct"):
        return {str(k): _py(x) for k, x in dict(v.getMap()).items()}
    if "Map" in cls:
        return {_py(k): _py(x) for k, x in dict(v).items()}
    if cls.startswith("[") or isinstance(v, (list, tuple)):
        return [_py(x) for x in v]
    return str(v.toString())


# ---- small display helpers shared by the notebooks ----------------------------------------------------------
#
# chart(), thin() and show() tag what they display with output metadata {"newslens": {...}} so that
# bin/check_notebooks.py can tell which of a notebook's expected charts and tables were produced, and which were
# thin on this output (with the reason shown to the reader).

def setup_plots():
    """Matplotlib defaults for readable charts (DejaVu Sans carries French accents and typographic quotes)."""
    import matplotlib
    matplotlib.rcParams.update({
        "figure.figsize": (10, 4.5), "figure.dpi": 100, "savefig.dpi": 100, "axes.titlesize": 13,
        "axes.labelsize": 11, "xtick.labelsize": 10, "ytick.labelsize": 10, "legend.fontsize": 9,
        "font.family": "DejaVu Sans", "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlelocation": "left",
    })


def _axes_has_data(ax) -> bool:
    for line in ax.lines:
        if len(line.get_xdata()) > 0:
            return True
    for patch in ax.patches:
        try:
            bb = patch.get_bbox()
            if bb.width != 0 and bb.height != 0:
                return True
        except Exception:  # noqa: BLE001 -- patches without a bbox (wedges, polygons) count as data
            return True
    for coll in ax.collections:
        if len(coll.get_offsets()) > 0 or len(coll.get_paths()) > 0:
            return True
    return len(ax.images) > 0


def chart(fig, name: str):
    """Shows a finished figure as a PNG tagged with its name, after checking it: every visible plot area holds
    data, has a title (or the figure has one), and every character has a glyph in the font. A failed check raises
    when NEWSLENS_NB_STRICT=1 (as bin/check_notebooks.py runs them, so a headless run fails on an empty or garbled
    chart), else warns and shows the chart anyway."""
    import io
    import warnings

    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    def title(a):
        return " ".join(t for t in (a.get_title(loc) for loc in ("left", "center", "right")) if t)

    problems = []
    axes = [a for a in fig.get_axes() if a.get_visible() and a.axison and a.get_label() != "<colorbar>"]
    empty = [title(a) or f"axes {i}" for i, a in enumerate(axes) if not _axes_has_data(a)]
    if not axes or empty:
        problems.append(f"no data drawn in {', '.join(empty) or 'the figure'}")
    if not (fig._suptitle and fig._suptitle.get_text()) and not all(title(a) for a in axes):
        problems.append("a plot has no title")
    buf = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    problems += list(dict.fromkeys(str(w.message) for w in caught
                                   if "Glyph" in str(w.message) and "missing from" in str(w.message)))
    if problems:
        message = f"chart '{name}': " + "; ".join(problems)
        if os.environ.get("NEWSLENS_NB_STRICT") == "1":
            raise ValueError(message)
        warnings.warn(message, stacklevel=2)
    display(Image(data=buf.getvalue(), format="png"), metadata={"newslens": {"chart": name}})


def thin(name: str, why: str):
    """Says, in place of chart `name`, why this output has too little data for it."""
    from IPython.display import Markdown, display
    display(Markdown(f"**Chart not drawn ({name}):** {why}"), metadata={"newslens": {"thin": name, "why": why}})


def note(text: str):
    """A markdown line in the output (for numbers computed from the data)."""
    from IPython.display import Markdown, display
    display(Markdown(text))


def show(df: pd.DataFrame, n: int = 20, name: str | None = None, html_columns: tuple = ()):
    """An HTML table of the first n rows (long strings shortened; `html_columns` are inserted as HTML)."""
    import html as _html

    from IPython.display import HTML, display
    d = df.head(n).copy()
    for c in d.columns:
        if c in html_columns:
            continue
        if d[c].dtype == object:
            d[c] = d[c].map(lambda x: None if x is None or (isinstance(x, float) and x != x)
                            else _html.escape(shorten(x, 160)))
    table = d.to_html(index=False, escape=False, na_rep="")
    if len(df) > n:
        table += f"<p><i>{n} of {len(df)} rows</i></p>"
    display(HTML(table), metadata={"newslens": {"table": name or "table"}})


def counts_axis(ax, axis: str = "x"):
    """Integer ticks on an axis of counts (no 0.25 articles)."""
    from matplotlib.ticker import MaxNLocator
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))


def shorten(s, n: int = 40) -> str:
    """s cut to n characters with an ellipsis (labels for charts)."""
    s = "" if s is None else str(s)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def py_index(text: str, utf16_offset: int) -> int:
    """The Python string index of a Java (UTF-16) string offset into the same text. The Java stages report
    offsets as Java string indices; they differ from Python's only after characters outside the BMP (emoji)."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return utf16_offset
    units = 0
    for i, ch in enumerate(text):
        if units >= utf16_offset:
            return i
        units += 2 if ord(ch) >= 0x10000 else 1
    return len(text)


def highlight(text: str, spans, color: str = "#ffe08a", utf16: bool = True) -> str:
    """HTML of text with the given [start, end) spans marked (<mark>); a span (start, end, color) has its own
    color. Offsets are Java (UTF-16) string indices unless utf16=False."""
    import html
    conv = (lambda o: py_index(text, o)) if utf16 else (lambda o: o)
    out, pos = [], 0
    marks = sorted((conv(int(sp[0])), conv(int(sp[1])), sp[2] if len(sp) > 2 else color) for sp in spans)
    for s, e, c in marks:
        s, e = max(s, pos), max(e, pos)
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark style="background:{c}">' + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def side_by_side(headers: list[str], cells: list[str], name: str = "side_by_side"):
    """An HTML table with one column per document (headers and cells are HTML)."""
    from IPython.display import HTML, display
    width = f"{100 // max(len(cells), 1)}%"
    head = "".join(f'<th style="text-align:left;width:{width}">{h}</th>' for h in headers)
    body = "".join(f'<td style="vertical-align:top;text-align:left;font-size:90%">{c}</td>' for c in cells)
    display(HTML(f'<table style="table-layout:fixed;width:100%"><tr>{head}</tr><tr>{body}</tr></table>'),
            metadata={"newslens": {"table": name}})
