package com.example.shipments;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

public class ShipmentReader {
    @XmlRootElement(name = "shipment")
    public static class Shipment {
        public String carrier;
        public String tracking;
    }

    private final XMLInputFactory xif = XMLInputFactory.newFactory();

    {
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    }

    public Shipment read(InputStream partnerUpload) throws Exception {
        XMLStreamReader xsr = xif.createXMLStreamReader(partnerUpload);
        return (Shipment) JAXBContext.newInstance(Shipment.class).createUnmarshaller().unmarshal(xsr);
    }
}
