<?php
$reader = new XMLReader();
$reader->XML(file_get_contents('php://input'));
$reader->setParserProperty(XMLReader::SUBST_ENTITIES, true);
$reader->setParserProperty(XMLReader::LOADDTD, true);
$count = 0;
while ($reader->read()) {
    if ($reader->nodeType === XMLReader::ELEMENT && $reader->name === 'record') {
        $count++;
    }
}
echo json_encode(['records' => $count]);
