from flask import Flask, request, render_template_string

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    page = """
    <html><body>
      <h1>Hello {{ name }}!</h1>
      <p>Welcome back to the dashboard.</p>
    </body></html>
    """
    return render_template_string(page, name=name)
