console.log('mapwright');
