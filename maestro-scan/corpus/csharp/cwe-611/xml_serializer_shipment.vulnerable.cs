using System.IO;
using System.Xml;
using System.Xml.Serialization;

namespace Shipping
{
    public class Shipment
    {
        public string Carrier { get; set; }
        public string Tracking { get; set; }
    }

    public class ShipmentReader
    {
        private static readonly XmlSerializer Serializer = new XmlSerializer(typeof(Shipment));

        public Shipment Read(Stream partnerUpload)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() };
            using (var reader = XmlReader.Create(partnerUpload, settings))
            {
                return (Shipment)Serializer.Deserialize(reader);
            }
        }
    }
}
