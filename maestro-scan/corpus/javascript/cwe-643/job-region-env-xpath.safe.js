const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const REGIONS = ['eu-west', 'us-east', 'ap-south'];
const topology = new DOMParser().parseFromString(fs.readFileSync('topology.xml', 'utf8'), 'text/xml');

function endpointsForRegion() {
  const region = REGIONS.includes(process.env.DEPLOY_REGION) ? process.env.DEPLOY_REGION : 'eu-west';
  return xpath
    .select(`//region[@name='${region}']/endpoint/@url`, topology)
    .map((attr) => attr.value);
}

console.log(endpointsForRegion().join('\n'));
