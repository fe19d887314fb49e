from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=60)
at.run()
at.switch_page("pages/data.py").run()
open("/tmp/trace.log","a").write(f"-- after switch to data: {[t.value for t in at.title]}\n")
at.run()
open("/tmp/trace.log","a").write(f"-- rerun on data: {[t.value for t in at.title]}\n")
at.run()
