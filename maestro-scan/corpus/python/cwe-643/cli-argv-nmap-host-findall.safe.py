import sys
import xml.etree.ElementTree as ET


def open_ports(report, address):
    root = ET.parse(report).getroot()
    hosts = [h for h in root.iter("host") if any(a.get("addr") == address for a in h.iter("address"))]
    for host in hosts:
        for port in host.iter("port"):
            if port.find("state").get("state") == "open":
                print(address, port.get("portid"), port.get("protocol"))


if __name__ == "__main__":
    open_ports(sys.argv[1], sys.argv[2])
