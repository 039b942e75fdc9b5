require "libxml"

class SoapEndpoint
  def call(env)
    payload = env["rack.input"].read
    parser = LibXML::XML::Parser.string(payload, options: LibXML::XML::Parser::Options::NOENT)
    doc = parser.parse
    action = doc.find_first("//*[local-name()='Action']")&.content
    [200, { "content-type" => "text/plain" }, ["action=#{action}"]]
  end
end
