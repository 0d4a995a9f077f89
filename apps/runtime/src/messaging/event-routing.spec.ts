import { streamFor, subjectFor } from './event-routing';

describe('event routing', () => {
  it('puts posting events on the finance stream and the rest on the operational stream', () => {
    expect(streamFor('invoice.finalised')).toBe('post');
    expect(streamFor('creditNote.finalised')).toBe('post');
    expect(streamFor('journal.created')).toBe('post');
    expect(streamFor('timeEntry.approved')).toBe('ops');
    expect(streamFor('timeEntry.submitted')).toBe('ops');
  });

  it('builds subjects partitioned by legal entity with safe tokens', () => {
    expect(subjectFor('mw', 'post', 'le-uk', 'invoice.finalised')).toBe('mw.post.le-uk.invoice_finalised');
    expect(subjectFor('mw', 'ops', 'le.us *', 'timeEntry.approved')).toBe('mw.ops.le_us__.timeEntry_approved');
  });
});
