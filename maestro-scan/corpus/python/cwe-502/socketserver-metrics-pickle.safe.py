import json
import pickle
import socketserver


class MetricsHandler(socketserver.StreamRequestHandler):
    def handle(self):
        payload = self.rfile.read()
        metrics = json.loads(payload)
        for name, value in metrics.items():
            print(f"{self.client_address[0]} {name}={value}")


if __name__ == "__main__":
    with socketserver.TCPServer(("0.0.0.0", 9099), MetricsHandler) as server:
        server.serve_forever()
