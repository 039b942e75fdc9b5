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
            // DtdProcessing.Parse is never used for partner uploads
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
            using (var reader = XmlReader.Create(partnerUpload, settings))
            {
                return (Shipment)Serializer.Deserialize(reader);
            }
        }
    }
}
